import { resolve } from 'node:path';
import {
  ConfigChannel,
  createConfigServer,
  RecommendationStore,
  type EvidenceCheck,
} from '@hirelearn/config';
import { createPersonalizationServer } from '@hirelearn/personalize';
import {
  documentsUrl,
  listenAddress,
  readSetting,
  serverSecurityVariables,
  wholeNumber,
} from '@hirelearn/env';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { Registry, type RegistryOptions } from './registry';
import { DEFAULT_MAX_ARTIFACT_BYTES } from './settings';
import {
  serverSecuritySettings,
  type RunningService,
  type ServerSecuritySettings,
} from '@hirelearn/rpc';
import { startRegistryServer } from './grpc/server';

/** Settings of a registry service, read from the environment once by its app. */
export interface RegistryServiceSettings {
  /** Document store URL (`sqlite:///abs/path.sqlite`, `mongodb://...`). */
  readonly documentsUrl: string;
  readonly artifactsDir: string;
  readonly host: string;
  readonly port: number;
  /** Largest artifact a registration may carry (HIRELEARN_MAX_ARTIFACT_BYTES). */
  readonly maxArtifactBytes: number;
  /** TLS, mutual TLS and credentials (HIRELEARN_TLS_CERT, HIRELEARN_CREDENTIALS, ...). */
  readonly security: ServerSecuritySettings;
}

export const DEFAULT_REGISTRY_PORT = 50051;
const artifactBytes = wholeNumber('must be a whole number of bytes >= 1', 1);

/**
 * Reads HIRELEARN_DOCUMENTS, HIRELEARN_ARTIFACTS, HIRELEARN_REGISTRY_HOST and
 * HIRELEARN_REGISTRY_PORT and the security settings (`serverSecuritySettings`); `overrides`
 * (command-line options) win over the environment.
 */
export function registryServiceSettings(
  env: NodeJS.ProcessEnv,
  overrides: Partial<RegistryServiceSettings> = {},
): RegistryServiceSettings {
  const address = listenAddress(env, 'REGISTRY', DEFAULT_REGISTRY_PORT);
  return Object.freeze({
    documentsUrl: overrides.documentsUrl ?? documentsUrl(env),
    artifactsDir: resolve(
      overrides.artifactsDir ?? env.HIRELEARN_ARTIFACTS ?? './.hirelearn/artifacts',
    ),
    host: overrides.host ?? address.host,
    port: overrides.port ?? address.port,
    maxArtifactBytes:
      overrides.maxArtifactBytes ??
      readSetting(env, 'HIRELEARN_MAX_ARTIFACT_BYTES', artifactBytes, DEFAULT_MAX_ARTIFACT_BYTES),
    security: overrides.security ?? serverSecuritySettings(serverSecurityVariables(env)),
  });
}

export interface ServeRegistryOptions extends Pick<RegistryOptions, 'checkArtifact'> {
  /** How Decide tells a recommendation's erased evidence, given the store (none: not checked). */
  readonly evidenceCheck?: (documents: DocumentStore) => EvidenceCheck;
}

/**
 * Opens the store, the registry and the configuration channel (with the recommendations under
 * review) and serves `hirelearn.v1.Registry`, `hirelearn.v1.Config` and the users' personalized
 * configurations over it (`hirelearn.v1.Personalization`) on one port;
 * `shutdown` closes them all.
 */
export async function serveRegistry(
  settings: RegistryServiceSettings,
  options: ServeRegistryOptions = {},
): Promise<RunningService> {
  const documents = await openDocumentStore(settings.documentsUrl);
  try {
    const registry = await Registry.open({
      documents,
      artifactsDir: settings.artifactsDir,
      settings: { max_artifact_bytes: settings.maxArtifactBytes },
      checkArtifact: options.checkArtifact,
    });
    const channel = new ConfigChannel({ documents });
    const config = createConfigServer(channel, new RecommendationStore(documents, channel), {
      evidence_check: options.evidenceCheck?.(documents),
    });
    const running = await startRegistryServer(registry, {
      ...settings,
      services: [config, createPersonalizationServer(documents, channel)],
    });
    return {
      ...running,
      shutdown: async () => {
        await running.shutdown();
        channel.close();
        await documents.close();
      },
    };
  } catch (error) {
    await documents.close();
    throw error;
  }
}
