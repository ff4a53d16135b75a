import * as pb from '@hirelearn/proto';
import { ServiceClient, UnavailableError, type ServiceClientOptions } from '@hirelearn/rpc';
import type { ConfigVersion } from '../documents';
import type { ConfigLayer } from '../layers';
import type { Decision, RecommendationStatus, StoredRecommendation } from '../recommendations';
import type { ConfigWatch } from '../watcher';
import { configVersionFromPb, decisionToPb, recommendationFromPb } from './convert';

export type ConfigClientOptions = ServiceClientOptions;

/**
 * `hirelearn.v1.Config` over gRPC, with the channel's types: what a consuming layer uses to
 * read its configuration (getConfig at start, then watchConfig) and an operator to publish,
 * roll back and decide. Failed calls reject with the HirelearnError classes the channel throws.
 */
export class ConfigGrpcClient extends ServiceClient<pb.ConfigClient> {
  constructor(address: string, options: ConfigClientOptions = {}) {
    super(pb.ConfigClient, address, options);
  }

  /** The version in force, or the one named. */
  async getConfig<L extends ConfigLayer>(layer: L, version?: number): Promise<ConfigVersion<L>> {
    return versionOf(
      await this.call(this.client.getConfig, { layer, version }),
    ) as ConfigVersion<L>;
  }

  async history(layer: ConfigLayer): Promise<readonly ConfigVersion[]> {
    const r = await this.call(this.client.listConfigVersions, { layer });
    return r.versions.map(configVersionFromPb);
  }

  async publish(
    layer: ConfigLayer,
    config: unknown,
    by: { reason: string; expected_version: number; recommendation_id?: string },
  ): Promise<ConfigVersion> {
    return versionOf(
      await this.call(this.client.publish, {
        layer,
        config_json: JSON.stringify(config),
        expected_version: by.expected_version,
        reason: by.reason,
        recommendation_id: by.recommendation_id ?? '',
      }),
    );
  }

  async rollback(
    layer: ConfigLayer,
    by: { reason: string; expected_version: number; to_version?: number },
  ): Promise<ConfigVersion> {
    return versionOf(await this.call(this.client.rollback, { layer, ...by }));
  }

  async listRecommendations(
    filter: { status?: RecommendationStatus; layer?: ConfigLayer } = {},
  ): Promise<readonly StoredRecommendation[]> {
    const r = await this.call(this.client.listRecommendations, {
      status: filter.status ?? '',
      layer: filter.layer ?? 0,
    });
    return r.recommendations.map(recommendationFromPb);
  }

  async decide(
    id: string,
    decision: Decision,
    reason: string,
  ): Promise<{ recommendation: StoredRecommendation; published: ConfigVersion | null }> {
    const r = await this.call(this.client.decide, {
      recommendation_id: id,
      decision: decisionToPb(decision),
      reason,
    });
    if (!r.recommendation)
      throw new UnavailableError('the server replied without a recommendation');
    return {
      recommendation: recommendationFromPb(r.recommendation),
      published: r.published ? configVersionFromPb(r.published) : null,
    };
  }

  /**
   * Streams the layer's versions as they are published, until closed: with `after_version`
   * (the version a layer read with getConfig) every later one first, with `send_current` the
   * one in force first. When the stream ends or the server is unreachable it reopens after
   * `reconnectMs` (default 1 s; 0: never) from the last version received, so a layer misses
   * none and gets none twice.
   */
  watchConfig<L extends ConfigLayer>(
    layer: L,
    onVersion: (version: ConfigVersion<L>) => void,
    options: {
      send_current?: boolean;
      after_version?: number;
      onError?: (error: unknown) => void;
      reconnectMs?: number;
    } = {},
  ): ConfigWatch {
    let last = options.after_version;
    return this.watchStream(
      (reopened) =>
        this.client.watchConfig({
          layer,
          send_current: last === undefined && (reopened || (options.send_current ?? false)),
          after_version: last,
        }),
      (message: pb.ConfigVersion) => {
        const v = configVersionFromPb(message) as ConfigVersion<L>;
        last = v.version;
        onVersion(v);
      },
      options,
    );
  }
}

function versionOf(reply: { version?: pb.ConfigVersion }): ConfigVersion {
  if (!reply.version) throw new UnavailableError('the server replied without a version');
  return configVersionFromPb(reply.version);
}
