/**
 * Every known user's `PersonalizedConfig` from one scan of the facts: the segment priors are
 * estimated once, then each user is a few arithmetic steps (3,000 users in well under a second
 * once the query is back).
 */
import type { OutcomeAttribution } from '@hirelearn/attribution';
import { derivePersonalizedConfig } from './derive';
import type { FitWeightsValue, PersonalizedConfig } from './personalized-config';
import { segmentOf, segmentPriors } from './segment-priors';
import { personalizeSettings, type PersonalizeSettings } from './settings';
import { loadUserStats } from './user-stats-queries';
import { type SqlSource } from '@hirelearn/store';

export interface PersonalizeOptions {
  /** The attribution whose effects serve as causal priors, and the id it is stored under. */
  readonly attribution?: { readonly run_id: string; readonly result: OutcomeAttribution } | null;
  /** The published layer-6 weights (kept where no component predicts interviews). */
  readonly base_weights: FitWeightsValue;
  readonly settings?: Partial<PersonalizeSettings>;
  readonly now?: Date;
}

/** The configurations of every user the event log knows, in user id order. */
export async function personalizeAll(
  db: SqlSource,
  options: PersonalizeOptions,
): Promise<readonly PersonalizedConfig[]> {
  const settings = personalizeSettings(options.settings);
  const stats = await loadUserStats(db);
  const inputs = {
    priors: segmentPriors(stats, settings),
    attribution: options.attribution ?? null,
    base_weights: options.base_weights,
    settings,
    computed_at: (options.now ?? new Date()).toISOString(),
  };
  return Object.freeze(
    stats.map((u) => derivePersonalizedConfig(u.user_id, u, segmentOf(u), inputs)),
  );
}
