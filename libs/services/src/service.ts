import { resolve } from 'node:path';
import {
  clientSecurityVariables,
  documentsUrl,
  listenAddress,
  serverSecurityVariables,
} from '@hirelearn/env';
import { Registry, RegistryGrpcClient } from '@hirelearn/registry';
import type { EditEffectInput } from '@hirelearn/ml';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { ensemblePredictorBindings, servedEnsemble } from './ensemble-service';
import {
  coldStartBindings,
  DEFAULT_COLD_START_SERVICE,
  servedColdStart,
} from './cold-start-service';
import { fitScoreBindings, servedFitWeights } from './fit-score-service';
import {
  clientSecuritySettings,
  serverSecuritySettings,
  startGrpcServer,
  type ClientSecuritySettings,
  type RunningService,
  type ServerSecuritySettings,
  type ServiceBinding,
} from '@hirelearn/rpc';
import {
  DEFAULT_PREDICTION_LOG,
  PredictionLog,
  type PredictionLogSettings,
} from './prediction-log';
import { storeSink, workerSink } from './prediction-sink';
import {
  registryClientView,
  registryView,
  type RegistryView,
  type ServedModel,
} from './served-model';

/** Settings of a model service, read from the environment once by its app. */
export interface ModelServiceSettings {
  /** `host:port` of the registry service; null: open the registry in-process. */
  readonly registryAddress: string | null;
  /** Document store of the prediction log (and of the in-process registry). */
  readonly documentsUrl: string;
  readonly artifactsDir: string;
  readonly host: string;
  readonly port: number;
  /** How the prediction log writes behind the answers (its loss window on a crash). */
  readonly predictionLog: PredictionLogSettings;
  /**
   * The built prediction-log worker script (beside the app's main.js): the log writes on a
   * worker thread when it exists; null or missing: on the service's own thread.
   */
  readonly predictionLogWorker: string | null;
  /** TLS, mutual TLS and credentials of the service (HIRELEARN_TLS_CERT, HIRELEARN_CREDENTIALS, ...). */
  readonly security: ServerSecuritySettings;
  /** TLS and token of the calls to the registry service (HIRELEARN_TLS_CA, HIRELEARN_TOKEN, ...). */
  readonly registrySecurity: ClientSecuritySettings;
}

export const DEFAULT_ENSEMBLE_PORT = 50052;
export const DEFAULT_FIT_SCORE_PORT = 50053;
export const DEFAULT_COLD_START_PORT = 50056;

/**
 * Reads HIRELEARN_REGISTRY_ADDRESS, HIRELEARN_DOCUMENTS, HIRELEARN_ARTIFACTS,
 * HIRELEARN_<service>_HOST and _PORT (`service` e.g. 'ENSEMBLE'; the host falls back to
 * HIRELEARN_SERVICE_HOST) and the security settings of the server and of its registry client;
 * `overrides` (command-line options) win.
 */
export function modelServiceSettings(
  env: NodeJS.ProcessEnv,
  service: string,
  defaultPort: number,
  overrides: Partial<ModelServiceSettings> = {},
): ModelServiceSettings {
  const address = listenAddress(env, service, defaultPort);
  return Object.freeze({
    registryAddress:
      overrides.registryAddress !== undefined
        ? overrides.registryAddress
        : (env.HIRELEARN_REGISTRY_ADDRESS ?? null),
    documentsUrl: overrides.documentsUrl ?? documentsUrl(env),
    artifactsDir: resolve(
      overrides.artifactsDir ?? env.HIRELEARN_ARTIFACTS ?? './.hirelearn/artifacts',
    ),
    host: overrides.host ?? address.host,
    port: overrides.port ?? address.port,
    predictionLog: overrides.predictionLog ?? DEFAULT_PREDICTION_LOG,
    predictionLogWorker: overrides.predictionLogWorker ?? null,
    security: overrides.security ?? serverSecuritySettings(serverSecurityVariables(env)),
    registrySecurity:
      overrides.registrySecurity ?? clientSecuritySettings(clientSecurityVariables(env)),
  });
}

/** The prediction log of a service: on a worker thread when its script is there. */
function predictionLog(
  settings: ModelServiceSettings,
  documents: Awaited<ReturnType<typeof openDocumentStore>>,
): PredictionLog {
  const batch = settings.predictionLog.writeBatch;
  const sink =
    workerSink(settings.predictionLogWorker, settings.documentsUrl, batch) ??
    storeSink(documents, batch);
  return new PredictionLog(sink, undefined, settings.predictionLog);
}

/** The service's registry: the gRPC service when an address is set, else in-process. */
async function openRegistry(
  settings: ModelServiceSettings,
  documents: Awaited<ReturnType<typeof openDocumentStore>>,
): Promise<{ view: RegistryView; close: () => void }> {
  if (settings.registryAddress) {
    const client = new RegistryGrpcClient(settings.registryAddress, {
      security: settings.registrySecurity,
    });
    return { view: registryClientView(client), close: () => client.close() };
  }
  const registry = await Registry.open({ documents, artifactsDir: settings.artifactsDir });
  return { view: registryView(registry), close: () => registry.close() };
}

/**
 * Serves one model's calls: follows its production version through the registry (`follow`)
 * and answers `bindings`, each prediction going to the prediction log; a graceful stop
 * stops following, then flushes the log once the server has answered its last call.
 */
async function serveModel<M>(
  settings: ModelServiceSettings,
  follow: (registry: RegistryView) => ServedModel<M>,
  bindings: (
    served: ServedModel<M>,
    log: PredictionLog,
    documents: DocumentStore,
  ) => ServiceBinding[] | Promise<ServiceBinding[]>,
): Promise<RunningService> {
  const documents = await openDocumentStore(settings.documentsUrl);
  const registry = await openRegistry(settings, documents);
  const served = follow(registry.view);
  const log = predictionLog(settings, documents);
  await served.start();
  return startGrpcServer(await bindings(served, log, documents), {
    ...settings,
    // The server has answered its last call: every prediction is in the log's buffer.
    onShutdown: async () => {
      served.stop();
      registry.close();
      await log.close();
      await documents.close();
    },
  });
}

/** Serves PredictInterview and the Inference calls for the ensemble in production. */
export function serveEnsemblePredictor(settings: ModelServiceSettings): Promise<RunningService> {
  return serveModel(settings, servedEnsemble, (served, log) =>
    ensemblePredictorBindings(served, log),
  );
}

/** Serves ScoreFit (logged) and the Inference calls for the fit weights in production. */
export function serveFitScoreLearner(settings: ModelServiceSettings): Promise<RunningService> {
  return serveModel(settings, servedFitWeights, fitScoreBindings);
}

/**
 * Serves ColdStart (Insights and NextQuestion logged) and the Inference calls for the
 * cold-start model in production. `readEffects` reads the attribution's edit effects the
 * first edits are chosen from (the newest stored attribution: the app passes the nightly's
 * reader), at the start and again at each new production version; none: no edit is advised.
 */
export async function serveColdStartEmbedder(
  settings: ModelServiceSettings,
  readEffects?: (documents: DocumentStore) => Promise<readonly EditEffectInput[]>,
): Promise<RunningService> {
  return serveModel(settings, servedColdStart, async (served, log, documents) => {
    if (!readEffects) return coldStartBindings(served, log);
    let effects = await readEffects(documents);
    served.onSwap(() => {
      readEffects(documents).then(
        (e) => (effects = e),
        (e: unknown) =>
          process.stderr.write(
            `cold-start-embedder: the edit effects were not re-read, the previous ones serve: ${e instanceof Error ? e.message : String(e)}\n`,
          ),
      );
    });
    return coldStartBindings(served, log, DEFAULT_COLD_START_SERVICE, () => effects);
  });
}
