import * as pb from '@hirelearn/proto';
import { NotFoundError, UnavailableError } from '@hirelearn/proto';
import type { ServiceBinding } from './grpc-server';
import { unary } from './grpc-server';
import type { ServedModel } from './served-model';

/** What Open Inference Protocol calls need to know of one served model. */
export interface InferenceModel {
  readonly name: string;
  readonly platform: string;
  /** The version loaded now and its input tensors, or null when none is. */
  loaded(): { readonly version: number; readonly inputs: pb.TensorMetadata[] } | null;
  readonly outputs: readonly pb.TensorMetadata[];
}

/** Describes a served model for the Inference service. */
export function describeServed<M>(
  served: ServedModel<M>,
  platform: string,
  inputs: (model: M) => pb.TensorMetadata[],
  outputs: readonly pb.TensorMetadata[],
): InferenceModel {
  return {
    name: served.name,
    platform,
    outputs,
    loaded: () => {
      const l = served.current();
      return l ? { version: l.version.version, inputs: inputs(l.model) } : null;
    },
  };
}

/**
 * The Open Inference Protocol (v2) health and metadata calls (KServe/Triton): live while the
 * process answers; ready when every served model has a production version loaded; a model
 * is ready at a version when that version is the one loaded.
 */
export function inferenceBinding(models: readonly InferenceModel[]): ServiceBinding {
  const find = (name: string) => {
    const m = models.find((x) => x.name === name);
    if (!m) throw new NotFoundError(`model ${name} is not served here`);
    return m;
  };
  const implementation: pb.InferenceServer = {
    serverLive: unary(() => ({ live: true })),
    serverReady: unary(() => ({ ready: models.every((m) => m.loaded() !== null) })),
    modelReady: unary((r: pb.ModelReadyRequest) => {
      const loaded = find(r.name).loaded();
      return { ready: loaded !== null && (!r.version || r.version === String(loaded.version)) };
    }),
    modelMetadata: unary((r: pb.ModelMetadataRequest) => {
      const m = find(r.name);
      const loaded = m.loaded();
      if (!loaded) throw new UnavailableError(`${r.name} has no production version loaded`);
      return {
        name: r.name,
        versions: [String(loaded.version)],
        platform: m.platform,
        inputs: loaded.inputs,
        outputs: [...m.outputs],
      };
    }),
  };
  return { service: pb.InferenceService, implementation };
}
