/**
 * @hirelearn/config — the versioned configuration published to the consuming layers (2, 5,
 * 6), one zod schema each; the channel that publishes it by compare-and-set with an audit
 * trail, rolls it back and pushes it to watchers; the recommendations store and its review.
 */
export * from './layers';
export * from './parameter';
export * from './overrides';
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
export * from './recommendations';
export { evidenceInCollections } from './evidence';
export { createConfigServer, type ConfigServerOptions } from './grpc/server';
export { ConfigGrpcClient, type ConfigClientOptions } from './grpc/client';
