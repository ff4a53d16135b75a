import { loadEnsemble, type EnsembleModel } from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/proto';
import { featuresFromPb, predictionToPb } from './convert';
import type { ServiceBinding } from './grpc-server';
import { unary } from './grpc-server';
import { describeServed, inferenceBinding } from './inference';
import { inputsHash, type PredictionLog } from './prediction-log';
import { ServedModel, type RegistryView } from './served-model';

/** The registry model the ensemble predictor serves. */
export const ENSEMBLE_MODEL = 'ensemble';

export interface EnsemblePredictorSettings {
  /** Largest batch one PredictInterview call may carry. */
  readonly maxBatch: number;
}

export const DEFAULT_ENSEMBLE_PREDICTOR: EnsemblePredictorSettings = Object.freeze({
  maxBatch: 10_000,
});

/** The production ensemble, followed through the registry. */
export function servedEnsemble(registry: RegistryView): ServedModel<EnsembleModel> {
  return new ServedModel(ENSEMBLE_MODEL, registry, (content) =>
    loadEnsemble(content.toString('utf8')),
  );
}

/**
 * PredictInterview over the version in production: one application or a batch, answered in
 * request order, each prediction logged (model, version, inputs hash, probability, time).
 */
export function predictInterview(
  served: ServedModel<EnsembleModel>,
  log: PredictionLog | null,
  request: pb.PredictInterviewRequest,
  settings: EnsemblePredictorSettings = DEFAULT_ENSEMBLE_PREDICTOR,
): pb.PredictInterviewResponse {
  if (request.applications.length > settings.maxBatch) {
    throw new InvalidArgumentError(
      `applications: ${request.applications.length} in one call, at most ${settings.maxBatch}`,
    );
  }
  const { version, model } = served.require();
  const features = request.applications.map(featuresFromPb);
  const predictions = model.predictMany(features);
  log?.log(
    request.applications.map((a, i) => ({
      model: version.model,
      version: version.version,
      user_id: a.user_id,
      application_id: a.application_id,
      inputs_hash: inputsHash(features[i]),
      probability: predictions[i].probability,
    })),
  );
  return {
    predictions: predictions.map((p, i) =>
      predictionToPb(request.applications[i].application_id, p, version.model, version.version),
    ),
  };
}

/** The InterviewPredictor and Inference services of the ensemble predictor. */
export function ensemblePredictorBindings(
  served: ServedModel<EnsembleModel>,
  log: PredictionLog | null,
  settings: EnsemblePredictorSettings = DEFAULT_ENSEMBLE_PREDICTOR,
): ServiceBinding[] {
  const implementation: pb.InterviewPredictorServer = {
    predictInterview: unary((r: pb.PredictInterviewRequest) =>
      predictInterview(served, log, r, settings),
    ),
  };
  return [
    { service: pb.InterviewPredictorService, implementation },
    inferenceBinding([
      describeServed(
        served,
        'json_params',
        (m) => [
          { name: 'features', datatype: 'FP64', shape: [-1, m.artifact.encoder.names.length] },
        ],
        [{ name: 'probability', datatype: 'FP64', shape: [-1, 1] }],
      ),
    ]),
  ];
}
