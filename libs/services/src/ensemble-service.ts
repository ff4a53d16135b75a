import type { ApplicationFeatures, EnsemblePrediction } from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';
import { InvalidArgumentError, unary, type ServiceBinding } from '@hirelearn/rpc';
import type { ModelVersion } from '@hirelearn/registry';
import { featuresFromPb, predictionToPb } from './convert';
import { describeServed, inferenceBinding } from './inference';
import type { PredictionLog } from './prediction-log';
import {
  checkApplication,
  checkTensorNumber,
  REQUEST_RULES,
  type NumberRule,
} from './request-rules';
import { loadServableEnsemble, predictServable, type ServableEnsemble } from './servable-ensemble';
import { ServedModel, type RegistryView } from './served-model';
import type { DecodedInputs, TensorSpec } from './tensors';

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

/** A row to predict, with the keys its logged prediction carries. */
interface PredictionSubject {
  readonly application_id: string;
  readonly user_id: string;
  readonly features: ApplicationFeatures;
}

/**
 * The EnsemblePredictions of the version loaded now (one version for the whole call), each
 * handed to the prediction log (model, version, inputs hash, probability; the log stamps
 * the time and writes behind the answer).
 */
async function predictLogged(
  served: ServedModel<ServableEnsemble>,
  log: PredictionLog | null,
  subjects: readonly PredictionSubject[],
): Promise<{ readonly version: ModelVersion; readonly predictions: EnsemblePrediction[] }> {
  const { version, model } = served.require();
  const predictions = await predictServable(
    model,
    subjects.map((s) => s.features),
  );
  log?.log(
    subjects.map((s, i) => ({
      model: version.model,
      version: version.version,
      user_id: s.user_id,
      application_id: s.application_id,
      inputs: s.features,
      probability: predictions[i].probability,
    })),
  );
  return { version, predictions };
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
  checkBatch(request.applications.length, 'applications', settings);
  request.applications.forEach((a, i) => checkApplication(a, `applications[${i}]`));
  const { version, predictions } = await predictLogged(
    served,
    log,
    request.applications.map((a) => ({
      application_id: a.application_id,
      user_id: a.user_id,
      features: featuresFromPb(a),
    })),
  );
  return {
    predictions: predictions.map((p, i) =>
      predictionToPb(request.applications[i].application_id, p, version.model, version.version),
    ),
  };
}

function checkBatch(n: number, field: string, settings: EnsemblePredictorSettings): void {
  if (n > settings.maxBatch) {
    throw new InvalidArgumentError(`${field}: ${n} in one call, at most ${settings.maxBatch}`);
  }
}

const fp64 = (name: string): TensorSpec => ({ name, datatype: 'FP64', width: 1 });
const bytes = (name: string, optional = false): TensorSpec => ({
  name,
  datatype: 'BYTES',
  width: 1,
  optional,
});

/**
 * The ensemble's ModelInfer inputs: one column per feature of an application ('' for an
 * unknown string; NaN for an unknown fit component, as `request-rules.ts` allows), and optionally the application and user ids its logged predictions
 * carry.
 */
export const ENSEMBLE_INFER_INPUTS: readonly TensorSpec[] = Object.freeze([
  fp64('fit_technical'),
  fp64('fit_seniority'),
  fp64('fit_experience'),
  fp64('fit_signal'),
  fp64('resume_score'),
  { name: 'tailoring_applied', datatype: 'BOOL', width: 1 },
  bytes('category'),
  bytes('job_seniority'),
  bytes('user_seniority'),
  bytes('strategy_mode'),
  bytes('application_id', true),
  bytes('user_id', true),
]);

export const ENSEMBLE_INFER_OUTPUTS: readonly TensorSpec[] = Object.freeze([
  fp64('probability'),
  fp64('confidence'),
  fp64('model_agreement'),
]);

/** Each numeric input's rule (the same as PredictInterview's field of that name). */
const TENSOR_RULES: Readonly<Record<string, NumberRule>> = Object.freeze({
  fit_technical: REQUEST_RULES.fit_component,
  fit_seniority: REQUEST_RULES.fit_component,
  fit_experience: REQUEST_RULES.fit_component,
  fit_signal: REQUEST_RULES.fit_component,
  resume_score: REQUEST_RULES.resume_score,
});

/** ModelInfer's decoded tensors as the rows PredictInterview would see, by the same rules. */
function subjectsFromTensors(d: DecodedInputs): PredictionSubject[] {
  const num = (name: string, i: number) =>
    checkTensorNumber(
      `inputs '${name}'[${i}]`,
      (d.values.get(name) as readonly number[])[i],
      TENSOR_RULES[name],
    );
  const str = (name: string, i: number) => {
    const v = (d.values.get(name) as readonly string[] | undefined)?.[i];
    return v ? v : null;
  };
  const tailoring = d.values.get('tailoring_applied') as readonly boolean[];
  return Array.from({ length: d.rows }, (_, i) => ({
    application_id: str('application_id', i) ?? '',
    user_id: str('user_id', i) ?? '',
    features: {
      fit_technical: num('fit_technical', i),
      fit_seniority: num('fit_seniority', i),
      fit_experience: num('fit_experience', i),
      fit_signal: num('fit_signal', i),
      category: str('category', i),
      resume_score: num('resume_score', i),
      tailoring_applied: tailoring[i],
      job_seniority: str('job_seniority', i),
      user_seniority: str('user_seniority', i),
      strategy_mode: str('strategy_mode', i),
    },
  }));
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
        ENSEMBLE_INFER_INPUTS,
        ENSEMBLE_INFER_OUTPUTS,
        async (_loaded, decoded) => {
          checkBatch(decoded.rows, 'inputs', settings);
          const { predictions } = await predictLogged(served, log, subjectsFromTensors(decoded));
          return new Map([
            ['probability', predictions.map((p) => p.probability)],
            ['confidence', predictions.map((p) => p.confidence)],
            ['model_agreement', predictions.map((p) => p.model_agreement)],
          ]);
        },
      ),
    ]),
  ];
}
