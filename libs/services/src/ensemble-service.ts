import * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/proto';
import { featuresFromPb, predictionToPb } from './convert';
import type { ServiceBinding } from './grpc-server';
import { unary } from './grpc-server';
import { describeServed, inferenceBinding } from './inference';
import { inputsHash, type PredictionLog } from './prediction-log';
import { loadServableEnsemble, predictServable, type ServableEnsemble } from './servable-ensemble';
import { ServedModel, type RegistryView } from './served-model';

/** The registry model the ensemble predictor serves. */
export const ENSEMBLE_MODEL = 'ensemble';

export interface EnsemblePredictorSettings {
  /** Largest batch one PredictInterview call may carry. */
  readonly maxBatch: number;
  /** Score the logistic member with onnxruntime-node from its ONNX export. */
  readonly useOnnx: boolean;
}

export const DEFAULT_ENSEMBLE_PREDICTOR: EnsemblePredictorSettings = Object.freeze({
  maxBatch: 10_000,
  useOnnx: true,
});

/** The production ensemble, followed through the registry. */
export function servedEnsemble(
  registry: RegistryView,
  settings: EnsemblePredictorSettings = DEFAULT_ENSEMBLE_PREDICTOR,
): ServedModel<ServableEnsemble> {
  return new ServedModel(
    ENSEMBLE_MODEL,
    registry,
    (content) => loadServableEnsemble(content, settings.useOnnx),
    (old) => void old.onnx?.scorer.release(),
  );
}

/**
 * PredictInterview over the version in production: one application or a batch, answered in
 * request order, each prediction logged (model, version, inputs hash, probability, time).
 */
export async function predictInterview(
  served: ServedModel<ServableEnsemble>,
  log: PredictionLog | null,
  request: pb.PredictInterviewRequest,
  settings: EnsemblePredictorSettings = DEFAULT_ENSEMBLE_PREDICTOR,
): Promise<pb.PredictInterviewResponse> {
  if (request.applications.length > settings.maxBatch) {
    throw new InvalidArgumentError(
      `applications: ${request.applications.length} in one call, at most ${settings.maxBatch}`,
    );
  }
  const { version, model } = served.require();
  const features = request.applications.map(featuresFromPb);
  const predictions = await predictServable(model, features);
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
  served: ServedModel<ServableEnsemble>,
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
        // The logistic member runs as ONNX; the trees and the network as JSON parameters.
        settings.useOnnx ? 'onnxruntime_onnx,json_params' : 'json_params',
        (m) => [
          {
            name: 'features',
            datatype: 'FP64',
            shape: [-1, m.model.artifact.encoder.names.length],
          },
        ],
        [{ name: 'probability', datatype: 'FP64', shape: [-1, 1] }],
      ),
    ]),
  ];
}
