export * from './types';
export { registrySettings, DEFAULT_ARTIFACTS_DIR, type RegistrySettings } from './settings';
export { Registry, type RegistryOptions } from './registry';
export { sha256Hex } from './artifact-store';
