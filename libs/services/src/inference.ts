import * as pb from '@hirelearn/proto';
import { NotFoundError, unary, UnavailableError, type ServiceBinding } from '@hirelearn/rpc';
import type { FailedSwitch, Loaded, ServedModel } from './served-model';
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
  /** The production version that failed to load (another or none serves), or null. */
  failedSwitch(): FailedSwitch | null;
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
    failedSwitch: () => served.failedSwitch(),
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

/** What ServerMetadata answers: the server's name and version (no protocol extensions). */
export interface InferenceServerInfo {
  readonly name: string;
  readonly version: string;
}

/** Whether a model serves what the registry has in production (no failed switch pending). */
const ready = (m: InferenceModel): boolean => m.loadedVersion() !== null && !m.failedSwitch();

/**
 * The model's properties in ModelMetadata: a failed switch names the production version
 * that did not load, the version serving instead, when, and the kind of error (its message
 * may name files: it is in the service's log).
 */
function properties(m: InferenceModel): Record<string, string> {
  const f = m.failedSwitch();
  if (!f) return {};
  return {
    failed_production_version: String(f.version),
    serving_version: f.serving === null ? '' : String(f.serving),
    failed_at: f.at,
    load_error: f.error_kind,
  };
}

/**
 * The Open Inference Protocol (v2) service, `inference.GRPCInferenceService` as KServe and
 * Triton name it: live while the process answers; a model is ready when the version the
 * registry has in production is the one loaded (a promoted version that failed to load
 * makes it, and the server, not ready); the server is ready when every model is; metadata
 * lists a model's named tensors, and a failed switch in its properties; ModelInfer runs it
 * on named typed tensors.
 */
export function inferenceBinding(
  models: readonly InferenceModel[],
  server: InferenceServerInfo = DEFAULT_SERVER_INFO,
): ServiceBinding {
  const find = (name: string) => {
    const m = models.find((x) => x.name === name);
    if (!m) throw new NotFoundError(`model ${name} is not served here`);
    return m;
  };
  const implementation: pb.GRPCInferenceServiceServer = {
    serverLive: unary(() => ({ live: true })),
    serverReady: unary(() => ({ ready: models.every(ready) })),
    serverMetadata: unary(() => ({ name: server.name, version: server.version, extensions: [] })),
    modelReady: unary((r: pb.ModelReadyRequest) => {
      const m = find(r.name);
      return { ready: ready(m) && (!r.version || r.version === String(m.loadedVersion())) };
    }),
    modelMetadata: unary((r: pb.ModelMetadataRequest) => {
      const m = find(r.name);
      const loaded = m.loadedVersion();
      if (loaded === null) {
        const f = m.failedSwitch();
        const why = f ? ` (version ${f.version} failed to load: ${f.error_kind})` : '';
        throw new UnavailableError(`${r.name} has no production version loaded${why}`);
      }
      return {
        name: r.name,
        versions: [String(loaded)],
        platform: m.platform,
        inputs: m.inputs.map(tensorMetadata),
        outputs: m.outputs.map(tensorMetadata),
        properties: properties(m),
      };
    }),
    modelInfer: unary((r: pb.ModelInferRequest) => find(r.model_name).infer(r)),
  };
  return { service: pb.GRPCInferenceServiceService, implementation };
}

/** ServerMetadata's answer unless a service names itself. */
export const DEFAULT_SERVER_INFO: InferenceServerInfo = Object.freeze({
  name: 'hirelearn',
  version: '0.1.0',
});
