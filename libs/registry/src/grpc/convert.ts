import * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/rpc';
import type {
  ArtifactFormat,
  ModelVersion,
  RegisterVersionInput,
  Stage,
  StageChange,
  StageTransition,
  WatchEvent,
} from '../types';

/** Between the registry's domain objects and the proto messages; field names already agree. */

const STAGE_TO_PB: Readonly<Record<Stage, pb.Stage>> = {
  candidate: pb.Stage.STAGE_CANDIDATE,
  shadow: pb.Stage.STAGE_SHADOW,
  production: pb.Stage.STAGE_PRODUCTION,
  archived: pb.Stage.STAGE_ARCHIVED,
};
const FORMAT_TO_PB: Readonly<Record<ArtifactFormat, pb.ArtifactFormat>> = {
  onnx: pb.ArtifactFormat.ARTIFACT_FORMAT_ONNX,
  tfjs: pb.ArtifactFormat.ARTIFACT_FORMAT_TFJS,
  json_params: pb.ArtifactFormat.ARTIFACT_FORMAT_JSON_PARAMS,
};
const invert = <K extends string, V extends number>(m: Readonly<Record<K, V>>) =>
  new Map<number, K>(Object.entries(m).map(([k, v]) => [v as number, k as K]));
const STAGE_FROM_PB = invert(STAGE_TO_PB);
const FORMAT_FROM_PB = invert(FORMAT_TO_PB);

export const stageToPb = (s: Stage): pb.Stage => STAGE_TO_PB[s];

/** The stage a request names, undefined for STAGE_UNSPECIFIED. */
export function stageFromPb(s: pb.Stage, path: string): Stage | undefined {
  if (s === pb.Stage.STAGE_UNSPECIFIED) return undefined;
  const stage = STAGE_FROM_PB.get(s);
  if (!stage) throw new InvalidArgumentError(`${path}: unknown stage ${s}`);
  return stage;
}

/** Stage of a message the server sent; STAGE_UNSPECIFIED means none (a registration's from). */
function stageFromReply(s: pb.Stage): Stage | null {
  return STAGE_FROM_PB.get(s) ?? null;
}

export function modelVersionToPb(v: ModelVersion): pb.ModelVersion {
  return {
    ...v,
    stage: STAGE_TO_PB[v.stage],
    artifact: { ...v.artifact, format: FORMAT_TO_PB[v.artifact.format] },
    metrics: { ...v.metrics },
    training_data_window: { ...v.training_data_window },
    tags: { ...v.tags },
  };
}

export function modelVersionFromPb(v: pb.ModelVersion): ModelVersion {
  const artifact = v.artifact ?? { sha256: '', format: 0, uri: '', size_bytes: 0 };
  return Object.freeze({
    model: v.model,
    version: v.version,
    stage: stageFromReply(v.stage) ?? 'candidate',
    artifact: { ...artifact, format: FORMAT_FROM_PB.get(artifact.format) ?? 'json_params' },
    metrics: { ...v.metrics },
    training_data_window: v.training_data_window ?? { start: '', end: '' },
    seed: v.seed,
    code_version: v.code_version,
    settings_hash: v.settings_hash,
    registered_by: v.registered_by,
    registered_at: v.registered_at,
    description: v.description,
    tags: { ...v.tags },
  });
}

export function transitionToPb(t: StageTransition): pb.StageTransition {
  return {
    ...t,
    from_stage: t.from_stage ? STAGE_TO_PB[t.from_stage] : pb.Stage.STAGE_UNSPECIFIED,
    to_stage: STAGE_TO_PB[t.to_stage],
  };
}

export function transitionFromPb(t: pb.StageTransition): StageTransition {
  return Object.freeze({
    ...t,
    from_stage: stageFromReply(t.from_stage),
    to_stage: stageFromReply(t.to_stage) ?? 'candidate',
  });
}

export const stageChangeToPb = (c: StageChange): pb.StageChangeResponse => ({
  version: modelVersionToPb(c.version),
  transitions: c.transitions.map(transitionToPb),
});

export const stageChangeFromPb = (c: pb.StageChangeResponse): StageChange =>
  Object.freeze({
    version: modelVersionFromPb(required(c.version, 'version')),
    transitions: c.transitions.map(transitionFromPb),
  });

export const watchEventToPb = (e: WatchEvent): pb.WatchEvent => ({
  transition: e.transition ? transitionToPb(e.transition) : undefined,
  version: e.version ? modelVersionToPb(e.version) : undefined,
  production: e.production ? modelVersionToPb(e.production) : undefined,
});

export const watchEventFromPb = (e: pb.WatchEvent): WatchEvent =>
  Object.freeze({
    transition: e.transition ? transitionFromPb(e.transition) : null,
    version: e.version ? modelVersionFromPb(e.version) : null,
    production: e.production ? modelVersionFromPb(e.production) : null,
  });

export function registrationFromPb(r: pb.RegisterVersionRequest): RegisterVersionInput {
  const format = FORMAT_FROM_PB.get(r.format);
  if (!format) throw new InvalidArgumentError('format: name ONNX, TFJS or JSON_PARAMS');
  return {
    model: r.model,
    content: r.content,
    format,
    expected_sha256: r.expected_sha256 || undefined,
    metrics: r.metrics,
    training_data_window: r.training_data_window ?? { start: '', end: '' },
    seed: r.seed,
    code_version: r.code_version,
    settings_hash: r.settings_hash,
    registered_by: r.registered_by,
    description: r.description || undefined,
    tags: r.tags,
  };
}

export function registrationToPb(r: RegisterVersionInput): pb.RegisterVersionRequest {
  return {
    model: r.model,
    content: Buffer.from(r.content.buffer, r.content.byteOffset, r.content.byteLength),
    format: FORMAT_TO_PB[r.format],
    expected_sha256: r.expected_sha256 ?? '',
    metrics: { ...r.metrics },
    training_data_window: { ...r.training_data_window },
    seed: r.seed,
    code_version: r.code_version,
    settings_hash: r.settings_hash,
    registered_by: r.registered_by,
    description: r.description ?? '',
    tags: { ...(r.tags ?? {}) },
  };
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new InvalidArgumentError(`${field}: missing in the reply`);
  return value;
}
