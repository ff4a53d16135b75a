import { resolve } from 'node:path';

/** Settings of a registry, frozen when it opens. */
export interface RegistrySettings {
  /** Folder of the content-addressed artifacts. */
  readonly artifacts_dir: string;
  /** How often a watch looks for changes made by other processes on the same store. */
  readonly watch_poll_ms: number;
  /**
   * Refuses artifacts larger than this (they travel in one gRPC message, and the registry's
   * server accepts no message much larger). Our largest artifact, the ensemble trained on the
   * demo's 2,000-user world, is 60 KB and the fit weights 2 KB; 16 MiB leaves 250x room.
   * HIRELEARN_MAX_ARTIFACT_BYTES sets it for the registry service.
   */
  readonly max_artifact_bytes: number;
}

export const DEFAULT_ARTIFACTS_DIR = './.hirelearn/artifacts';
export const DEFAULT_MAX_ARTIFACT_BYTES = 16 * 1024 * 1024;

export function registrySettings(overrides: Partial<RegistrySettings> = {}): RegistrySettings {
  return Object.freeze({
    artifacts_dir: resolve(overrides.artifacts_dir ?? DEFAULT_ARTIFACTS_DIR),
    watch_poll_ms: overrides.watch_poll_ms ?? 200,
    max_artifact_bytes: overrides.max_artifact_bytes ?? DEFAULT_MAX_ARTIFACT_BYTES,
  });
}
