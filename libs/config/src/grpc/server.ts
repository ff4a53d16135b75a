import type { ServerWritableStream } from '@grpc/grpc-js';
import * as pb from '@hirelearn/proto';
import { actorOf, OpenStreams, toGrpcError, unary } from '@hirelearn/rpc';
import type { ConfigChannel } from '../channel';
import type { EvidenceCheck, RecommendationStore } from '../recommendations';
import {
  configVersionToPb,
  decisionFromPb,
  jsonFromPb,
  layerFromPb,
  recommendationToPb,
  statusFromPb,
} from './convert';

export interface ConfigServerOptions {
  /** How Decide tells erased evidence (none: evidence is taken as present). */
  readonly evidence_check?: EvidenceCheck;
}

/**
 * The Config service's handlers over an in-process channel and recommendations store, and
 * `endStreams` to end the open WatchConfig streams (they never end by themselves) before a
 * server shuts down. Who publishes, rolls back or decides is the caller the server
 * authenticated, never a request field.
 */
export function createConfigServer(
  channel: ConfigChannel,
  recommendations: RecommendationStore,
  options: ConfigServerOptions = {},
): { service: typeof pb.ConfigService; implementation: pb.ConfigServer; endStreams: () => void } {
  const streams = new OpenStreams();
  const implementation: pb.ConfigServer = {
    getConfig: unary(async (r: pb.GetConfigRequest) => {
      const layer = layerFromPb(r.layer);
      const v =
        r.version === undefined
          ? await channel.current(layer)
          : await channel.get(layer, r.version);
      return { version: configVersionToPb(v) };
    }),
    listConfigVersions: unary(async (r: pb.ListConfigVersionsRequest) => ({
      versions: (await channel.history(layerFromPb(r.layer))).map(configVersionToPb),
    })),
    publish: unary(async (r: pb.PublishConfigRequest, caller) => ({
      version: configVersionToPb(
        await channel.publish(layerFromPb(r.layer), jsonFromPb('config_json', r.config_json), {
          by: actorOf(caller),
          reason: r.reason,
          expected_version: r.expected_version,
          recommendation_id: r.recommendation_id || null,
        }),
      ),
    })),
    rollback: unary(async (r: pb.RollbackConfigRequest, caller) => ({
      version: configVersionToPb(
        await channel.rollback(layerFromPb(r.layer), {
          by: actorOf(caller),
          reason: r.reason,
          expected_version: r.expected_version,
          to_version: r.to_version,
        }),
      ),
    })),
    listRecommendations: unary(async (r: pb.ListRecommendationsRequest) => ({
      recommendations: (
        await recommendations.list({
          status: statusFromPb(r.status),
          layer: r.layer === 0 ? undefined : layerFromPb(r.layer),
        })
      ).map(recommendationToPb),
    })),
    decide: unary(async (r: pb.DecideRequest, caller) => {
      const { recommendation, published } = await recommendations.decide(r.recommendation_id, {
        decision: decisionFromPb(r.decision),
        by: actorOf(caller),
        reason: r.reason,
        evidence_check: options.evidence_check,
      });
      return {
        recommendation: recommendationToPb(recommendation),
        published: published ? configVersionToPb(published) : undefined,
      };
    }),
    watchConfig: (call: ServerWritableStream<pb.WatchConfigRequest, pb.ConfigVersion>) => {
      try {
        const w = channel.watch(
          layerFromPb(call.request.layer),
          (v) => call.write(configVersionToPb(v)),
          {
            send_current: call.request.send_current,
            after_version: call.request.after_version,
            onError: (error) => call.emit('error', toGrpcError(error)),
          },
        );
        streams.follow(call, () => w.close());
      } catch (error) {
        call.emit('error', toGrpcError(error));
      }
    },
  };
  return {
    service: pb.ConfigService,
    implementation,
    endStreams: () => streams.endAll(),
  };
}
