/**
 * @hirelearn/services — the model services: the ensemble predictor, the fit-score learner and
 * the cold-start embedder over gRPC, each following its model through the registry and
 * logging what it predicted.
 * The public API only: starting the services and their settings, their bindings, the served
 * models, the prediction log and the request conversions the CLI and benches use; tensors,
 * request rules and inference internals stay internal (specs import them by path).
 */

// Starting a service, and its settings.
export {
  serveEnsemblePredictor,
  serveFitScoreLearner,
  serveColdStartEmbedder,
  modelServiceSettings,
  DEFAULT_ENSEMBLE_PORT,
  DEFAULT_FIT_SCORE_PORT,
  DEFAULT_COLD_START_PORT,
  type ModelServiceSettings,
} from './service';

// The models a service follows through the registry.
export { ServedModel, registryView, registryClientView, type RegistryView } from './served-model';
export { loadableArtifact } from './artifact-check';

// The ensemble predictor.
export {
  ensemblePredictorBindings,
  servedEnsemble,
  predictInterview,
  DEFAULT_ENSEMBLE_PREDICTOR,
  type EnsemblePredictorSettings,
} from './ensemble-service';
export { predictServable } from './servable-ensemble';
export { featuresToPb, featuresFromPb } from './convert';

// The fit-score learner.
export { fitScoreBindings, servedFitWeights } from './fit-score-service';

// The cold-start embedder.
export { coldStartBindings, parseColdStart, COLD_START_MODEL } from './cold-start-service';
export { dayOneOfRequest, answerOf, type DayOneRequest } from './cold-start-request';
export { newUsersFromEvents } from './cold-start-events';

// The prediction log (written behind the answers) and where it writes.
export {
  PredictionLog,
  PREDICTIONS_COLLECTION,
  DEFAULT_PREDICTION_LOG,
  type PredictionRecord,
  type PredictionLogSettings,
} from './prediction-log';
export { storeSink, workerSink } from './prediction-sink';
