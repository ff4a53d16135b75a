/**
 * @hirelearn/config — the versioned configuration published to the consuming layers (2, 5,
 * 6), one zod schema each; the channel that publishes it by compare-and-set with an audit
 * trail, rolls it back and pushes it to watchers; the recommendations store and its review.
 * The public API only: named exports; internals stay internal (specs import by path).
 */

// The layers' configurations: one zod schema each, the defaults, parsing.
export {
  CONFIG_LAYERS,
  DEFAULT_CONFIGS,
  configLayer,
  parseLayerConfig,
  ConfigSchemaError,
  strategyEngineConfigSchema,
  planningConfigSchema,
  fitWeightsConfigSchema,
  type ConfigLayer,
  type LayerConfig,
  type LayerConfigs,
  type StrategyEngineConfig,
  type PlanningConfig,
  type FitWeightsConfig,
} from './layers';
export { parameterValue, withParameter } from './parameter';
export { effectiveConfig, type ConfigOverride } from './overrides';
export {
  configChannelSettings,
  WEIGHTS_SUM_TOLERANCE,
  type ConfigChannelSettings,
} from './settings';
export type { ConfigVersion } from './documents';
export {
  ConfigChannel,
  ConfigConflictError,
  defaultVersion,
  type ConfigChannelOptions,
  type PublishBy,
  type RollbackBy,
} from './channel';
export type { ConfigWatch, ConfigWatchOptions } from './watcher';
export {
  RecommendationStore,
  RECOMMENDATION_STATUSES,
  type RecommendationStatus,
  type StoredRecommendation,
  type Decision,
  type DecideBy,
  type DecideResult,
  type SaveResult,
  type EvidenceCheck,
  type ErasedEvidence,
} from './recommendations';
export { evidenceInCollections } from './evidence';
export { createConfigServer, type ConfigServerOptions } from './grpc/server';
export { ConfigGrpcClient, type ConfigClientOptions } from './grpc/client';
