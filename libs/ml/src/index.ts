/**
 * @hirelearn/ml — the interview predictors: features, the three base models and their
 * stacked ensemble, calibration, the fit score and its learned weights, ONNX export and
 * scoring, and the cold-start model for users without history.
 * The public API only: what README.md documents and the training, serving and optimizer
 * libs use; model internals (trees, stacking weights, encoders, ONNX protobuf) stay internal.
 */

// Features of an application.
export {
  fitEncoder,
  encode,
  encodeAll,
  seniorityMatch,
  FIT_COMPONENTS,
  type ApplicationFeatures,
  type LabelledApplication,
  type FitComponent,
} from './features';
export { splitByUser } from './split';
export { heldOutMetrics, type HeldOutMetrics } from './metrics';
export {
  calibrate,
  chooseCalibrator,
  fitPlatt,
  fitIsotonic,
  meanLogLoss,
  type Calibrator,
} from './calibration';

// The base models and the stacked ensemble.
export { RidgeLogistic, type LogisticModel } from './models/logistic-model';
export { BoostedTrees, type BoostedTreesModel } from './models/boosted-trees';
export { NeuralNet, useTensorFlowProductionMode, type NeuralNetModel } from './models/neural-net';
export { learnStackingWeights, projectToSimplex } from './stacking';
export {
  trainEnsemble,
  loadEnsemble,
  DEFAULT_ENSEMBLE,
  type EnsembleModel,
  type EnsembleArtifact,
  type EnsembleMetrics,
  type EnsemblePrediction,
} from './ensemble';

// The fit score and its learned weights.
export {
  fitScore,
  learnFitWeights,
  fitScoreArtifact,
  CURRENT_FIT_WEIGHTS,
  DEFAULT_FIT_SCORE,
  type FitWeights,
  type FitScoreArtifact,
  type FitScoreLearning,
  type FitScoreFailure,
} from './fit-score';

// ONNX: the logistic member's export and the scorer.
export { logisticToOnnx } from './onnx/export';
export { OnnxScorer } from './onnx/onnx-scorer';

// Cold start: day-one features, the model, its artifact file, insights and the next question.
export { DEFAULT_COLD_START, type ColdStartSettings } from './cold-start/settings';
export {
  dayOneFeatures,
  withAnswer,
  withoutFields,
  missingFields,
  DAY_ONE_FIELDS,
  DAY_ONE_PROFILE_FIELDS,
  type DayOneFeatures,
  type DayOneField,
  type DayOneOk,
  type DayOneProfile,
  type DayOneResume,
} from './cold-start/day-one';
export {
  CELL_DIMENSIONS,
  type CellDimension,
  type ColdStartArtifact,
  type ColdStartCell,
  type ColdStartInsights,
  type ColdStartMetrics,
  type ColdStartPeer,
  type ColdStartTrainingUser,
  type EditEffectInput,
  type NextQuestion,
} from './cold-start/types';
export { ColdStartModel } from './cold-start/model';
export {
  serializeColdStart,
  parseColdStartFile,
  COLD_START_FILE_FORMAT,
  type ColdStartArtifactFile,
} from './cold-start/artifact-file';
export { trainColdStart } from './cold-start/train';
export { coldStartInsights } from './cold-start/insights';
export { nextQuestion } from './cold-start/next-question';
export { useTensorFlowWasmBackend } from './cold-start/backend';
export {
  evaluateColdStart,
  compareActiveLearning,
  type ColdStartEvaluation,
  type ColdStartEvaluationUser,
} from './cold-start/evaluation';
export { coldStartToOnnx } from './cold-start/onnx';
