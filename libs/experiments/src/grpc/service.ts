/**
 * The learning engine's experiments service: settings read from the environment once, and
 * `serveLearningEngine`, which opens the document store and serves `hirelearn.v1.Experiments`.
 * The event store is opened for the length of each call that reads it (assign, analyse, ramp)
 * and calls take turns on it, so `hirelearn ingest` can write to the same DuckDB file between
 * calls while the service runs; `duckdb::memory:` would therefore be empty at every call.
 */
import { resolve } from 'node:path';
import {
  documentsUrl,
  duckdbMemory,
  listenAddress,
  readSetting,
  serverSecurityVariables,
  wholeNumber,
} from '@hirelearn/env';
import {
  serverSecuritySettings,
  startGrpcServer,
  type RunningService,
  type ServerSecuritySettings,
} from '@hirelearn/rpc';
import { DEFAULT_EVENT_DB, EventStore, openDocumentStore } from '@hirelearn/store';
import {
  DEFAULT_OPT_OUT_CACHE,
  OptOutCache,
  type OptOutCacheSettings,
} from '../assignment/opt-out-cache';
import { ExperimentCatalog } from '../catalog/catalog';
import { experimentsBinding } from './server';

export interface LearningEngineSettings {
  /** Document store of the experiments (`sqlite:///abs/path.sqlite`, `mongodb://...`). */
  readonly documentsUrl: string;
  /** Event store with the exposures and the facts (`duckdb:///abs/path.duckdb`). */
  readonly dbUrl: string;
  /** DuckDB's memory limit for the event store (HIRELEARN_DUCKDB_MEMORY; the store's default). */
  readonly dbMemoryLimit?: string;
  readonly host: string;
  readonly port: number;
  /** TLS, mutual TLS and credentials (HIRELEARN_TLS_CERT, HIRELEARN_CREDENTIALS, ...). */
  readonly security: ServerSecuritySettings;
  /** How often Assign's opt-out list is read again (HIRELEARN_OPT_OUT_REFRESH_MS). */
  readonly optOuts?: OptOutCacheSettings;
}

export const DEFAULT_LEARNING_ENGINE_PORT = 50055;

/**
 * Reads HIRELEARN_DOCUMENTS, HIRELEARN_DB, HIRELEARN_LEARNING_ENGINE_HOST and
 * HIRELEARN_LEARNING_ENGINE_PORT and the security settings (`serverSecuritySettings`);
 * `overrides` (command-line options) win. An invalid port is refused with the variable's name
 * and the rule.
 */
export function learningEngineSettings(
  env: NodeJS.ProcessEnv,
  overrides: Partial<LearningEngineSettings> = {},
  cwd = process.cwd(),
): LearningEngineSettings {
  const address = listenAddress(env, 'LEARNING_ENGINE', DEFAULT_LEARNING_ENGINE_PORT);
  return Object.freeze({
    documentsUrl: overrides.documentsUrl ?? documentsUrl(env, cwd),
    dbUrl: overrides.dbUrl ?? env.HIRELEARN_DB ?? `duckdb://${resolve(cwd, DEFAULT_EVENT_DB)}`,
    dbMemoryLimit: overrides.dbMemoryLimit ?? duckdbMemory(env),
    host: overrides.host ?? address.host,
    port: overrides.port ?? address.port,
    security: overrides.security ?? serverSecuritySettings(serverSecurityVariables(env)),
    optOuts: overrides.optOuts ?? {
      refreshMs: readSetting(
        env,
        'HIRELEARN_OPT_OUT_REFRESH_MS',
        wholeNumber('must be a whole number of milliseconds >= 1', 1),
        DEFAULT_OPT_OUT_CACHE.refreshMs,
      ),
    },
  });
}

/** Serves the experiments until `shutdown`, which also closes the document store. */
export async function serveLearningEngine(
  settings: LearningEngineSettings,
): Promise<RunningService> {
  const documents = await openDocumentStore(settings.documentsUrl);
  const memoryLimit = settings.dbMemoryLimit;
  let turn: Promise<unknown> = Promise.resolve();
  const withEvents = <T>(work: (store: EventStore) => Promise<T>): Promise<T> => {
    const mine = turn.then(async () => {
      const store = await EventStore.open(settings.dbUrl, { memoryLimit });
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    });
    turn = mine.catch(() => undefined);
    return mine;
  };
  try {
    const catalog = new ExperimentCatalog(documents);
    // Briefly, read-only: an ingest or an attribution holding the file keeps the last list.
    const optOuts = new OptOutCache(
      // A store not created yet is opened (and created) for writing, as before.
      () =>
        EventStore.open(settings.dbUrl, { readOnly: true, memoryLimit }).catch(() =>
          EventStore.open(settings.dbUrl, { memoryLimit }),
        ),
      settings.optOuts,
    );
    await optOuts.start();
    return await startGrpcServer(
      [experimentsBinding({ catalog, withEvents, optOuts: () => optOuts.current() })],
      {
        host: settings.host,
        port: settings.port,
        security: settings.security,
        onShutdown: () => {
          optOuts.stop();
          return documents.close();
        },
      },
    );
  } catch (error) {
    await documents.close();
    throw error;
  }
}
