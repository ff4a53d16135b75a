import type { ServerWritableStream } from '@grpc/grpc-js';
import * as pb from '@hirelearn/proto';
import {
  InvalidArgumentError,
  NotFoundError,
  OpenStreams,
  toGrpcError,
  unary,
  type ServiceBinding,
} from '@hirelearn/rpc';
import type { DocumentStore } from '@hirelearn/store';
import { modelHealthToPb, monitorRunToPb, runTriggerToPb, verdictToPb } from './convert';
import { findHealth, latestHealth } from './health-queries';
import type { MonitorLoop, TimedMonitorRun } from './monitor-loop';

function requireModel(model: string): string {
  if (model.trim() === '') throw new InvalidArgumentError('model: required (the registry name)');
  return model;
}

/** A version number of 0 means "not given", as in registry.proto. */
function versionOf(version: number): number | undefined {
  if (!Number.isInteger(version) || version < 0)
    throw new InvalidArgumentError(`version: a positive integer, or 0 for none (got ${version})`);
  return version === 0 ? undefined : version;
}

/**
 * The Monitor service's handlers over a loop and the document store its passes write the
 * health reports to, and `endStreams` to end the open WatchHealth streams (they never end by
 * themselves) before the server shuts down.
 */
export function monitorBindings(
  loop: MonitorLoop,
  documents: DocumentStore,
): ServiceBinding & { endStreams: () => void } {
  const streams = new OpenStreams();

  /** One event per version of the run (of `model` when given), with its latest window. */
  async function send(
    call: ServerWritableStream<pb.WatchHealthRequest, pb.HealthEvent>,
    run: TimedMonitorRun,
  ): Promise<void> {
    for (const verdict of run.versions) {
      if (call.request.model && verdict.model !== call.request.model) continue;
      const latest = await latestHealth(documents, verdict.model, verdict.version);
      call.write({
        at: run.finished_at,
        trigger: runTriggerToPb(run.trigger),
        verdict: verdictToPb(verdict),
        latest: latest === null ? undefined : modelHealthToPb(latest),
      });
    }
  }

  const implementation: pb.MonitorServer = {
    runNow: unary(async () => ({ run: monitorRunToPb(await loop.run('run_now')) })),
    getHealth: unary(async (r: pb.GetHealthRequest) => {
      const model = requireModel(r.model);
      const version = versionOf(r.version);
      const health = await latestHealth(documents, model, version);
      if (health === null)
        throw new NotFoundError(
          `no health reports for ${model}${version === undefined ? '' : `@${version}`}`,
        );
      return { health: modelHealthToPb(health) };
    }),
    listHealth: unary(async (r: pb.ListHealthRequest) => ({
      health: (
        await findHealth(documents, {
          model: requireModel(r.model),
          version: versionOf(r.version),
          critical_only: r.critical_only,
        })
      ).map(modelHealthToPb),
    })),
    watchHealth: (call: ServerWritableStream<pb.WatchHealthRequest, pb.HealthEvent>) => {
      // Events go out in pass order, each after the previous one's reads.
      let chain = Promise.resolve();
      const enqueue = (run: TimedMonitorRun): void => {
        chain = chain
          .then(() => send(call, run))
          .catch((error: unknown) => {
            call.emit('error', toGrpcError(error));
          });
      };
      const unsubscribe = loop.subscribe(enqueue);
      // Ended after the events already queued.
      streams.follow(call, unsubscribe, () => void chain.then(() => call.end()));
      if (call.request.send_latest && loop.last !== null) enqueue(loop.last);
    },
  };
  return {
    service: pb.MonitorService,
    implementation,
    endStreams: () => streams.endAll(),
  };
}
