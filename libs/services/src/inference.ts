import * as pb from '@hirelearn/proto';
import { NotFoundError, UnavailableError, unary, type ServiceBinding } from '@hirelearn/proto';
import type { Loaded, ServedModel } from './served-model';
import {
  decodeInputs,
  encodeOutputs,
  tensorMetadata,
  type DecodedInputs,
  type TensorSpec,
} from './tensors';

/** What Open Inference Protocol calls need to know of one served model. */
export interface InferenceModel {
  readonly name: string;
  readonly platform: string;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /** The version loaded now, or null when none is. */
  loadedVersion(): number | null;
  /** ModelInfer on the version loaded now (the whole call on that one version). */
  infer(request: pb.ModelInferRequest): Promise<pb.ModelInferResponse>;
}

/**
 * Describes a served model for the Inference service. `run` gets the decoded, checked input
 * tensors and returns every output column (one value per row).
 */
export function describeServed<M>(
  served: ServedModel<M>,
  platform: string,
  inputs: readonly TensorSpec[],
  outputs: readonly TensorSpec[],
  run: (
    loaded: Loaded<M>,
    decoded: DecodedInputs,
    request: pb.ModelInferRequest,
  ) => Promise<ReadonlyMap<string, readonly number[]>> | ReadonlyMap<string, readonly number[]>,
): InferenceModel {
  return {
    name: served.name,
    platform,
    inputs,
    outputs,
    loadedVersion: () => served.current()?.version.version ?? null,
    infer: async (request) => {
      const loaded = served.require();
      const v = loaded.version.version;
      if (request.model_version && request.model_version !== String(v)) {
        throw new NotFoundError(
          `model_version: ${served.name} ${request.model_version} is not loaded here; version ${v} serves (leave model_version empty for it)`,
        );
      }
      const decoded = decodeInputs(request, inputs);
      const columns = await run(loaded, decoded, request);
      return encodeOutputs(request, outputs, decoded.rows, columns, v);
    },
  };
}

/**
 * The Open Inference Protocol (v2) calls (KServe/Triton): live while the process answers;
 * ready when every served model has a production version loaded; a model is ready at a
 * version when that version is the one loaded; metadata lists its named tensors; ModelInfer
 * runs it on named typed tensors.
 */
export function inferenceBinding(models: readonly InferenceModel[]): ServiceBinding {
  const find = (name: string) => {
    const m = models.find((x) => x.name === name);
    if (!m) throw new NotFoundError(`model ${name} is not served here`);
    return m;
  };
  const implementation: pb.InferenceServer = {
    serverLive: unary(() => ({ live: true })),
    serverReady: unary(() => ({ ready: models.every((m) => m.loadedVersion() !== null) })),
    modelReady: unary((r: pb.ModelReadyRequest) => {
      const loaded = find(r.name).loadedVersion();
      return { ready: loaded !== null && (!r.version || r.version === String(loaded)) };
    }),
    modelMetadata: unary((r: pb.ModelMetadataRequest) => {
      const m = find(r.name);
      const loaded = m.loadedVersion();
      if (loaded === null) throw new UnavailableError(`${r.name} has no production version loaded`);
      return {
        name: r.name,
        versions: [String(loaded)],
        platform: m.platform,
        inputs: m.inputs.map(tensorMetadata),
        outputs: m.outputs.map(tensorMetadata),
      };
    }),
    modelInfer: unary((r: pb.ModelInferRequest) => find(r.model_name).infer(r)),
  };
  return { service: pb.InferenceService, implementation };
}
