/**
 * @hirelearn/optimize — pure optimizers: evidence in, OptimizationRecommendations out.
 * The public API only: the recommendation (spec 5.1) with its schema and id, the settings,
 * routing, and the five optimizers with their inputs and results; the builders and tables
 * behind them stay internal (specs import by path).
 */

// The recommendation: its types, schema, canonical JSON and content id.
export {
  optimizationRecommendationSchema,
  parseOptimizationRecommendation,
  jsonValueSchema,
  canonicalJson,
  recommendationId,
  type OptimizationRecommendation,
  type OptimizationComponent,
  type ConsumingLayer,
  type Evidence,
  type EvidenceKind,
  type ExpectedImpact,
  type Risk,
  type Route,
  type JsonValue,
  type OptimizerResult,
  type OptimizerStatus,
} from './recommendation';
export {
  optimizeSettings,
  DEFAULT_OPTIMIZE_SETTINGS,
  type OptimizeSettings,
  type GradeConfidence,
} from './settings';
export { routeRecommendation, type RouteInput, type RouteDecision } from './route';
export { effectEvidence, notActionable } from './build';

// The optimizers.
export {
  optimizeScoreCalibration,
  IDENTITY_SCORE_MAP,
  type CalibrationInput,
  type ScoreCalibrationAnalysis,
  type ScoreCalibrationMap,
  type ScoredOutcome,
} from './calibration';
export {
  optimizeTiming,
  TIMING_PARAMETERS,
  DAY_CODES,
  type TimingInput,
  type TimingAnalysis,
  type TimedApplication,
  type TimingParameter,
} from './timing';
export {
  optimizeStrategyThreshold,
  type ThresholdInput,
  type ThresholdAnalysis,
} from './threshold';
export { optimizeFitWeights, type FitWeightsInput, type FitWeightsAnalysis } from './fit-weights';
export {
  optimizeResumeEdits,
  type ResumeEditsInput,
  type ResumeEditsAnalysis,
} from './resume-edits';
