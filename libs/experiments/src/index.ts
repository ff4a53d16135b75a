/**
 * @hirelearn/experiments: A/B tests of proposed changes, from design to gradual rollout.
 * The experiment catalog on the document store, GrowthBook assignment and feature JSON, analysis from
 * sufficient statistics (frequentist, CUPED, Bayesian, sequential, SRM), ramp and rollback.
 * The public API only; the statistical engines behind the analysis (stats/), the gRPC
 * conversions and the stored document shapes stay internal (specs import them by path).
 */

// Experiments and their settings.
export type {
  Experiment,
  ExperimentDefinition,
  ExperimentStatus,
  ExperimentOutcome,
  ExperimentVariant,
  VariantValue,
  Namespace,
} from './types';
export {
  experimentSettings,
  DEFAULT_EXPERIMENT_SETTINGS,
  type ExperimentSettings,
} from './settings';

// The catalog: create, start, pause, ramp, complete, with who/when/why.
export { ExperimentCatalog, type CatalogResult, type CatalogStatus } from './catalog/catalog';

// Assignment: deterministic bucketing, GrowthBook feature JSON, personalization opt-outs.
export { Assigner, type Assignment, type AssignmentReason } from './assignment/assigner';
export { growthbookPayload, type GrowthBookPayload } from './assignment/feature-json';
export { personalizationOptOuts } from './assignment/opt-out-queries';

// Analysis from the event store, and power planning.
export { analyzeExperiment, analyzeFromStore, experimentMetrics } from './analysis/analyze';
export { pullSufficientStats, type ExperimentData } from './analysis/sufficient-stats-queries';
export type { ExperimentResults, MetricComparison, VariantSummary } from './analysis/results';
export {
  requiredSampleSize,
  minimumDetectableEffect,
  powerAt,
  type PowerPlan,
} from './stats/power';
export { simulateAaPeeking, type PeekingResult } from './stats/aa-peeking';

// Rollout: the ramp decision, applying it, rollback.
export {
  decideRampStep,
  applyRampStep,
  rollbackExperiment,
  type RampDecision,
  type RampOutcome,
} from './rollout/ramp';

// The learning engine's gRPC service and its client.
export {
  serveLearningEngine,
  learningEngineSettings,
  DEFAULT_LEARNING_ENGINE_PORT,
  type LearningEngineSettings,
} from './grpc/service';
export { ExperimentsGrpcClient } from './grpc/client';
