import * as pb from '@hirelearn/proto';
import {
  IntegrityError,
  ServiceClient,
  UnavailableError,
  type ServiceClientOptions,
} from '@hirelearn/rpc';
import { sha256Hex } from '../artifact-store';
import type {
  ChangeBy,
  GuardedChange,
  ModelVersion,
  RegisterVersionInput,
  Stage,
  StageChange,
  StageTransition,
  Watch,
  WatchEvent,
} from '../types';
import {
  modelVersionFromPb,
  registrationToPb,
  stageChangeFromPb,
  stageToPb,
  transitionFromPb,
  watchEventFromPb,
} from './convert';

export interface RegistryClientOptions extends ServiceClientOptions {
  /** Largest message accepted (artifacts travel in one); default 257 MiB. */
  readonly max_message_bytes?: number;
}

/**
 * The registry over gRPC with the in-process Registry's calls and types, so a service can
 * use either. Failed calls reject with the same HirelearnError classes the registry throws.
 */
export class RegistryGrpcClient extends ServiceClient<pb.RegistryClient> {
  constructor(address: string, options: RegistryClientOptions = {}) {
    const max = options.max_message_bytes ?? 257 * 1024 * 1024;
    super(pb.RegistryClient, address, options, {
      'grpc.max_receive_message_length': max,
      'grpc.max_send_message_length': max,
    });
  }

  async register(input: RegisterVersionInput): Promise<ModelVersion> {
    const r = await this.call(this.client.registerVersion, registrationToPb(input));
    return versionOf(r);
  }

  async get(model: string, version: number): Promise<ModelVersion> {
    const r = await this.call(this.client.getVersion, { model, version, stage: 0 });
    return versionOf(r);
  }

  /** The production version, or null when none is. */
  async production(model: string): Promise<ModelVersion | null> {
    try {
      const r = await this.call(this.client.getVersion, {
        model,
        version: 0,
        stage: pb.Stage.STAGE_PRODUCTION,
      });
      return versionOf(r);
    } catch (error) {
      if ((error as { code?: string }).code === 'not_found') return null;
      throw error;
    }
  }

  async list(filter: { model?: string; stage?: Stage } = {}): Promise<ModelVersion[]> {
    const r = await this.call(this.client.listVersions, {
      model: filter.model ?? '',
      stage: filter.stage ? stageToPb(filter.stage) : pb.Stage.STAGE_UNSPECIFIED,
    });
    return r.versions.map(modelVersionFromPb);
  }

  async promote(
    model: string,
    version: number,
    change: GuardedChange & { readonly to_stage?: 'production' | 'shadow' },
  ): Promise<StageChange> {
    const r = await this.call(this.client.promote, {
      model,
      version,
      to_stage: stageToPb(change.to_stage ?? 'production'),
      by: change.by,
      reason: change.reason,
      expected_production: expectedToPb(change.expected_production),
    });
    return stageChangeFromPb(r);
  }

  async rollback(
    model: string,
    change: GuardedChange & { readonly to?: number },
  ): Promise<StageChange> {
    const r = await this.call(this.client.rollback, {
      model,
      to_version: change.to ?? 0,
      by: change.by,
      reason: change.reason,
      expected_production: expectedToPb(change.expected_production),
    });
    return stageChangeFromPb(r);
  }

  async archive(model: string, version: number, change: ChangeBy): Promise<StageChange> {
    const r = await this.call(this.client.archive, { model, version, ...change });
    return stageChangeFromPb(r);
  }

  async transitions(model: string, version?: number): Promise<StageTransition[]> {
    const r = await this.call(this.client.listTransitions, { model, version: version ?? 0 });
    return r.transitions.map(transitionFromPb);
  }

  /**
   * A version and its artifact's bytes (version 0: the production version), verified again
   * here against the registered sha256 so bytes damaged on the way are refused too.
   */
  async fetchArtifact(
    model: string,
    version = 0,
  ): Promise<{ version: ModelVersion; content: Buffer }> {
    const r = await this.call(this.client.fetchArtifact, {
      model,
      version,
      stage: version > 0 ? pb.Stage.STAGE_UNSPECIFIED : pb.Stage.STAGE_PRODUCTION,
    });
    const v = versionOf(r);
    const actual = sha256Hex(r.content);
    if (actual !== v.artifact.sha256)
      throw new IntegrityError(
        `artifact of ${model}@${v.version} arrived with sha256 ${actual}, registered as ${v.artifact.sha256}`,
      );
    return { version: v, content: r.content };
  }

  /**
   * Streams the model's stage changes until closed. When the stream ends or the server is
   * unreachable, it reopens after `reconnectMs` (default 1 s; 0: never) asking for the
   * current production version first, so a watcher never misses the version that serves.
   * Errors go to onError (an unreachable server on every failed attempt).
   */
  watch(
    model: string,
    onChange: (event: WatchEvent) => void,
    options: {
      send_current?: boolean;
      onError?: (error: unknown) => void;
      reconnectMs?: number;
    } = {},
  ): Watch {
    return this.watchStream(
      (reopened) =>
        this.client.watch({ model, send_current: reopened || (options.send_current ?? false) }),
      (e: pb.WatchEvent) => onChange(watchEventFromPb(e)),
      options,
    );
  }
}

/** The version a reply carries; a reply without one is a broken server. */
function versionOf(reply: { version?: pb.ModelVersion }): ModelVersion {
  if (!reply.version) throw new UnavailableError('the registry replied without a version');
  return modelVersionFromPb(reply.version);
}

/** `expected_production` on the wire: absent for no check, 0 for "none in production". */
const expectedToPb = (v: number | null | undefined): number | undefined =>
  v === undefined ? undefined : (v ?? 0);
