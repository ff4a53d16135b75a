// The registry's domain: stages, versions, their artifacts and changes, watches.
export {
  STAGES,
  ARTIFACT_FORMATS,
  type Stage,
  type ArtifactFormat,
  type ArtifactRef,
  type ArtifactCheck,
  type DataWindow,
  type ModelVersion,
  type StageTransition,
  type RegisterVersionInput,
  type ChangeBy,
  type GuardedChange,
  type StageChange,
  type WatchEvent,
  type Watch,
} from './types';
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
