/**
 * Where the personalized configurations are published: one document per user in the
 * document store, beside the configuration channel, following its rules.
 *
 * Why a document per user and not a per-user scope of ConfigChannel: the channel keeps every
 * version of a layer forever and pushes each to watchers; a layer's config changes a few times
 * a month. Per-user parameters change for thousands of users every night: a per-user version
 * history would grow by the user count nightly, and no layer watches one user. What carries
 * over is the channel's contract: each user's document is written by compare-and-set on the
 * revision the publisher read (two nightly runs at once cannot interleave one user's
 * parameters), records who published it, when, why and from which run, and is read as
 * overrides on the channel's current base (`effectiveConfig`), so a base published at noon
 * reaches every personalized user at once while their personal parameters hold. The document
 * carries `user_id`, so erasing a user (`DocumentStore.eraseUser`) deletes it with them.
 */
import {
  effectiveConfig,
  type ConfigChannel,
  type FitWeightsConfig,
  type PlanningConfig,
} from '@hirelearn/config';
import { NotFoundError } from '@hirelearn/rpc';
import type { DocumentCollection, DocumentStore, StoredDocument } from '@hirelearn/store';
import type { PersonalizedConfig } from './personalized-config';

export const PERSONALIZED_CONFIGS_COLLECTION = 'personalized_configs';

/** A published personalized configuration: the config and its audit record. */
export interface PublishedPersonalizedConfig extends PersonalizedConfig {
  /** 1 at the first publish for the user, +1 at each. */
  readonly version: number;
  readonly published_by: string;
  readonly published_at: string;
  readonly reason: string;
  /** The nightly run that computed it (or the caller's id). */
  readonly run_id: string;
}

type PersonalizedDoc = StoredDocument & PublishedPersonalizedConfig;

function collection(documents: DocumentStore): DocumentCollection<PersonalizedDoc> {
  return documents.collection<PersonalizedDoc>(PERSONALIZED_CONFIGS_COLLECTION, {
    indexes: ['user_id'],
  });
}

export interface PublishOutcome {
  readonly published: number;
  /** Users whose document another publisher changed after it was read: left as that one wrote it. */
  readonly conflicts: readonly string[];
}

/**
 * Publishes each user's configuration: inserted for a user without one (in one round trip),
 * else a compare-and-set on the revision read before computing. `on_progress` after each
 * hundred users.
 */
export async function publishPersonalizedConfigs(
  documents: DocumentStore,
  configs: readonly PersonalizedConfig[],
  by: { readonly by: string; readonly reason: string; readonly run_id: string; readonly at: Date },
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<PublishOutcome> {
  const c = collection(documents);
  const existing = new Map((await c.find({})).map((d) => [d._id, d]));
  const audit = {
    published_by: by.by,
    published_at: by.at.toISOString(),
    reason: by.reason,
    run_id: by.run_id,
  };
  const fresh = configs.filter((x) => !existing.has(x.user_id));
  const inserted = await c.insertMany(
    fresh.map((x) => ({ ...x, ...audit, _id: x.user_id, version: 1 })),
  );
  const conflicts = [...inserted.duplicateIds];
  let done = fresh.length;
  onProgress(done, configs.length);
  for (const x of configs) {
    const prev = existing.get(x.user_id);
    if (!prev) continue;
    const next: PersonalizedDoc = { ...x, ...audit, _id: x.user_id, version: prev.version + 1 };
    if ((await c.replaceIf(next, prev.revision ?? 0)) === null) conflicts.push(x.user_id);
    done += 1;
    if (done % 100 === 0) onProgress(done, configs.length);
  }
  onProgress(configs.length, configs.length);
  return Object.freeze({
    published: configs.length - conflicts.length,
    conflicts: Object.freeze(conflicts),
  });
}

/** The personalized configuration as a layer uses it: its parameters over the base in force. */
export interface PersonalizedConfigView {
  readonly config: PublishedPersonalizedConfig;
  /** Layer 5's and 6's configuration for this user: the base in force, then the overrides. */
  readonly planning: PlanningConfig;
  readonly fit_weights: FitWeightsConfig;
  /** The channel versions of the bases they were applied to. */
  readonly base_versions: { readonly '5': number; readonly '6': number };
}

/** The rule a refused read names. */
export const USER_RULE =
  'rule: a personalized configuration exists only for a user the event log knows, once a nightly run computed it; an erased user has none';

/**
 * One user's published configuration over the bases in force; NotFoundError naming the
 * rule for a user with none (unknown, erased, or not computed yet).
 */
export async function readPersonalizedConfig(
  documents: DocumentStore,
  channel: ConfigChannel,
  userId: string,
): Promise<PersonalizedConfigView> {
  const doc = await collection(documents).get(userId);
  if (doc === null)
    throw new NotFoundError(
      `user ${JSON.stringify(userId)} has no personalized configuration (unknown, erased, or not yet computed by \`hirelearn nightly\`); ${USER_RULE}`,
    );
  const { _id: _i, revision: _r, ...config } = doc;
  const [planning, fit] = await Promise.all([channel.current(5), channel.current(6)]);
  return Object.freeze({
    config: config as PublishedPersonalizedConfig,
    planning: effectiveConfig(5, planning.config, config.overrides['5']),
    fit_weights: effectiveConfig(6, fit.config, config.overrides['6']),
    base_versions: Object.freeze({ '5': planning.version, '6': fit.version }),
  });
}
