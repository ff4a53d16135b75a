export * from './types';
export {
  registrySettings,
  DEFAULT_ARTIFACTS_DIR,
  DEFAULT_MAX_ARTIFACT_BYTES,
  type RegistrySettings,
} from './settings';
export { Registry, type RegistryOptions } from './registry';
export type { WatchOptions } from './watcher';
export { sha256Hex } from './artifact-store';
export {
  createRegistryServer,
  startRegistryServer,
  registryChannelOptions,
  type CoServedService,
} from './grpc/server';
export { RegistryGrpcClient, type RegistryClientOptions } from './grpc/client';
export {
  registryServiceSettings,
  serveRegistry,
  DEFAULT_REGISTRY_PORT,
  type RegistryServiceSettings,
  type ServeRegistryOptions,
} from './service';
