import * as path from 'node:path';
import { credentials } from '@grpc/grpc-js';
import * as pb from '@hirelearn/proto';
import {
  clientSecuritySettings,
  serverSecuritySettings,
  startGrpcServer,
  type RunningService,
} from '@hirelearn/rpc';
import {
  ensemblePredictorBindings,
  fitScoreBindings,
  type ModelServiceSettings,
  type PredictionLog,
  type servedEnsemble,
  type servedFitWeights,
} from '@hirelearn/services';

/** Both model services on loopback in this process, with a plaintext client of each service. */
export interface ModelServicesOnLoopback {
  readonly predictor: RunningService;
  readonly fitScorer: RunningService;
  readonly predictorClient: pb.InterviewPredictorClient;
  readonly predictorInference: pb.GRPCInferenceServiceClient;
  readonly fitClient: pb.FitScorerClient;
  readonly fitInference: pb.GRPCInferenceServiceClient;
  /** Closes the clients, then shuts both servers down (which stops the served models). */
  close(): Promise<void>;
}

/**
 * Starts the served models and serves them as the interview predictor and the fit scorer
 * (their predictions logged to `logs`, or not at all), the way the cross-app specs call
 * them: a server of each on a free loopback port and a plaintext client of each of its
 * services (predictions and metadata stay open on loopback).
 */
export async function startModelServices(
  ensemble: ReturnType<typeof servedEnsemble>,
  fit: ReturnType<typeof servedFitWeights>,
  logs: { readonly ensemble: PredictionLog | null; readonly fit: PredictionLog | null } = {
    ensemble: null,
    fit: null,
  },
): Promise<ModelServicesOnLoopback> {
  await Promise.all([ensemble.start(), fit.start()]);
  const predictor = await startGrpcServer(ensemblePredictorBindings(ensemble, logs.ensemble), {
    onShutdown: () => ensemble.stop(),
  });
  const fitScorer = await startGrpcServer(fitScoreBindings(fit, logs.fit), {
    onShutdown: () => fit.stop(),
  });
  const insecure = credentials.createInsecure();
  const clients = {
    predictorClient: new pb.InterviewPredictorClient(predictor.address, insecure),
    predictorInference: new pb.GRPCInferenceServiceClient(predictor.address, insecure),
    fitClient: new pb.FitScorerClient(fitScorer.address, insecure),
    fitInference: new pb.GRPCInferenceServiceClient(fitScorer.address, insecure),
  };
  return {
    predictor,
    fitScorer,
    ...clients,
    async close() {
      for (const c of Object.values(clients)) c.close();
      await predictor.shutdown();
      await fitScorer.shutdown();
    },
  };
}

/**
 * A model service's settings in a spec: a free loopback port, artifacts and token file under
 * `dir`, and a prediction log that writes only on the stop (flush interval far off, on the
 * service's own thread), so a spec sees what a graceful stop writes.
 */
export function specServiceSettings(
  dir: string,
  registryAddress: string,
  documentsUrl: string,
): ModelServiceSettings {
  return {
    registryAddress: registryAddress,
    documentsUrl: documentsUrl,
    artifactsDir: path.join(dir, 'artifacts'),
    host: '127.0.0.1',
    port: 0,
    predictionLog: { flushIntervalMs: 600_000, writeBatch: 64, maxBuffered: 10_000 },
    predictionLogWorker: null,
    security: serverSecuritySettings({}, { tokenFile: path.join(dir, 'token') }),
    registrySecurity: clientSecuritySettings({}),
  };
}
