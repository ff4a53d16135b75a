import type {
  ServerWritableStream,
  ServiceDefinition,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import * as pb from '@hirelearn/proto';
import {
  actorOf,
  InvalidArgumentError,
  NotFoundError,
  OpenStreams,
  startGrpcServer,
  toGrpcError,
  unary,
  type RunningService,
  type ServerSecuritySettings,
} from '@hirelearn/rpc';
import type { Registry } from '../registry';
import type { ModelVersion } from '../types';
import {
  modelVersionToPb,
  registrationFromPb,
  stageChangeToPb,
  stageFromPb,
  transitionToPb,
  watchEventToPb,
} from './convert';

/** The wire's `expected_production` (absent: no check; 0: none in production). */
const expectedProduction = (v: number | undefined): number | null | undefined =>
  v === undefined ? undefined : v === 0 ? null : v;

/** The version a GetVersionRequest names: by number, else the newest of the stage. */
async function resolveVersion(registry: Registry, r: pb.GetVersionRequest): Promise<ModelVersion> {
  if (r.version > 0) return registry.get(r.model, r.version);
  const stage = stageFromPb(r.stage, 'stage');
  if (!stage) throw new InvalidArgumentError('version: give a version number or a stage');
  if (stage === 'production') {
    const v = await registry.production(r.model);
    if (!v) throw new NotFoundError(`${r.model} has no version in production`);
    return v;
  }
  const all = await registry.list({ model: r.model, stage });
  const newest = all[all.length - 1];
  if (!newest) throw new NotFoundError(`${r.model} has no version in ${stage}`);
  return newest;
}

/**
 * The Registry service's handlers over an in-process registry, and `endStreams` to end the
 * open Watch streams (they never end by themselves) before a server shuts down. Who registers
 * or changes a stage is the caller the server authenticated; the requests' `registered_by`
 * and `by` fields are ignored (kept on the wire for old clients).
 */
export function createRegistryServer(registry: Registry): {
  service: typeof pb.RegistryService;
  implementation: pb.RegistryServer;
  endStreams: () => void;
} {
  const streams = new OpenStreams();
  const implementation: pb.RegistryServer = {
    registerVersion: unary(async (r: pb.RegisterVersionRequest, caller) => ({
      version: modelVersionToPb(
        await registry.register({ ...registrationFromPb(r), registered_by: actorOf(caller) }),
      ),
    })),
    getVersion: unary(async (r: pb.GetVersionRequest) => ({
      version: modelVersionToPb(await resolveVersion(registry, r)),
    })),
    listVersions: unary(async (r: pb.ListVersionsRequest) => ({
      versions: (
        await registry.list({
          model: r.model || undefined,
          stage: stageFromPb(r.stage, 'stage'),
        })
      ).map(modelVersionToPb),
    })),
    promote: unary(async (r: pb.PromoteRequest, caller) => {
      const to = stageFromPb(r.to_stage, 'to_stage') ?? 'production';
      if (to !== 'production' && to !== 'shadow')
        throw new InvalidArgumentError(`to_stage: promote to production or shadow, not ${to}`);
      return stageChangeToPb(
        await registry.promote(r.model, r.version, {
          by: actorOf(caller),
          reason: r.reason,
          to_stage: to,
          expected_production: expectedProduction(r.expected_production),
        }),
      );
    }),
    rollback: unary(async (r: pb.RollbackRequest, caller) =>
      stageChangeToPb(
        await registry.rollback(r.model, {
          by: actorOf(caller),
          reason: r.reason,
          to: r.to_version > 0 ? r.to_version : undefined,
          expected_production: expectedProduction(r.expected_production),
        }),
      ),
    ),
    archive: unary(async (r: pb.ArchiveRequest, caller) =>
      stageChangeToPb(
        await registry.archive(r.model, r.version, { by: actorOf(caller), reason: r.reason }),
      ),
    ),
    listTransitions: unary(async (r: pb.ListTransitionsRequest) => ({
      transitions: (await registry.transitions(r.model, r.version > 0 ? r.version : undefined)).map(
        transitionToPb,
      ),
    })),
    fetchArtifact: unary(async (r: pb.GetVersionRequest) => {
      const version = await resolveVersion(registry, r);
      return { version: modelVersionToPb(version), content: await registry.loadArtifact(version) };
    }),
    watch: (call: ServerWritableStream<pb.WatchRequest, pb.WatchEvent>) => {
      try {
        const w = registry.watch(call.request.model, (e) => call.write(watchEventToPb(e)), {
          send_current: call.request.send_current,
          onError: (error) => call.emit('error', toGrpcError(error)),
        });
        streams.follow(call, () => w.close());
      } catch (error) {
        call.emit('error', toGrpcError(error));
      }
    },
  };
  return {
    service: pb.RegistryService,
    implementation,
    endStreams: () => streams.endAll(),
  };
}

/** Message size limits that let an artifact of the registry's maximum size through. */
export function registryChannelOptions(registry: Registry): Record<string, number> {
  const max = registry.settings.max_artifact_bytes + 1024 * 1024;
  return { 'grpc.max_receive_message_length': max, 'grpc.max_send_message_length': max };
}

/** Another service served beside the registry (the configuration channel), its streams ended on shutdown. */
export interface CoServedService {
  readonly service: ServiceDefinition;
  readonly implementation: object;
  readonly endStreams: () => void;
}

/** Starts a gRPC server with the registry (and `services` beside it) on host:port (port 0: any
 * free port). Shutting down ends open streams and the registry's watches, then stops the server. */
export async function startRegistryServer(
  registry: Registry,
  options: {
    host?: string;
    port?: number;
    security?: ServerSecuritySettings;
    services?: readonly CoServedService[];
  } = {},
): Promise<RunningService> {
  const { service, implementation, endStreams } = createRegistryServer(registry);
  const others = options.services ?? [];
  const running = await startGrpcServer(
    [
      { service, implementation: implementation as unknown as UntypedServiceImplementation },
      ...others.map((o) => ({
        service: o.service,
        implementation: o.implementation as UntypedServiceImplementation,
      })),
    ],
    {
      host: options.host,
      port: options.port,
      security: options.security,
      channelOptions: registryChannelOptions(registry),
    },
  );
  return {
    ...running,
    shutdown: async () => {
      endStreams();
      for (const o of others) o.endStreams();
      registry.close();
      await running.shutdown();
    },
  };
}
