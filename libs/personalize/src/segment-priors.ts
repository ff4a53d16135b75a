/**
 * The priors of each segment (users of one seniority, among those who share their data),
 * estimated once per run from all its users, so that each user's figures shrink toward what
 * holds for users like them. A segment with too few users is merged into `all`.
 */
import { FIT_COMPONENTS, type FitComponent } from '@hirelearn/ml';
import type { PersonalizeSettings } from './settings';
import {
  betaBinomialPrior,
  betweenUserVariance,
  gammaPoissonPrior,
  type CountUnit,
  type DifferenceUnit,
  type SegmentPrior,
} from './shrinkage';
import { CATEGORIES, type Category, type UserStats } from './user-stats-queries';

/** A difference (with minus without) and how much users differ in it. */
export interface DifferencePrior {
  /** The segment's pooled rates of the two arms: each user's sampling variance uses them. */
  readonly rate_with: number;
  readonly rate_without: number;
  /** The segment's pooled difference (observational). */
  readonly mean: number;
  readonly between_variance: number;
  readonly users: number;
}

export interface SegmentPriors {
  readonly segment: string;
  readonly users: number;
  /** The interview rate of the segment's applications. */
  readonly interview_rate: number;
  readonly pace: SegmentPrior;
  readonly category_rate: Readonly<Record<Category, SegmentPrior>>;
  /** Share of the segment's applications in each category. */
  readonly category_share: Readonly<Record<Category, number>>;
  readonly tailoring: DifferencePrior;
  readonly components: Readonly<Record<FitComponent, DifferencePrior>>;
}

export const ALL_USERS_SEGMENT = 'all';

const pooled = (units: readonly CountUnit[]): number => {
  const n = units.reduce((a, u) => a + u.n, 0);
  return n > 0 ? units.reduce((a, u) => a + u.x, 0) / n : 0;
};

/** A user's difference of two arms with its sampling variance (pooled rates for the noise). */
export function differenceUnit(
  withArm: CountUnit,
  withoutArm: CountUnit,
  prior: Pick<DifferencePrior, 'rate_with' | 'rate_without'>,
): DifferenceUnit | null {
  if (withArm.n < 1 || withoutArm.n < 1) return null;
  const v =
    (prior.rate_with * (1 - prior.rate_with)) / withArm.n +
    (prior.rate_without * (1 - prior.rate_without)) / withoutArm.n;
  return { estimate: withArm.x / withArm.n - withoutArm.x / withoutArm.n, variance: v };
}

function differencePrior(
  arms: readonly { readonly with: CountUnit; readonly without: CountUnit }[],
): DifferencePrior {
  const rate_with = pooled(arms.map((a) => a.with));
  const rate_without = pooled(arms.map((a) => a.without));
  const rates = { rate_with, rate_without };
  const units = arms
    .map((a) => differenceUnit(a.with, a.without, rates))
    .filter((u): u is DifferenceUnit => u !== null);
  return Object.freeze({
    rate_with,
    rate_without,
    mean: rate_with - rate_without,
    between_variance: betweenUserVariance(units),
    users: units.length,
  });
}

function priorsOf(
  segment: string,
  users: readonly UserStats[],
  settings: PersonalizeSettings,
): SegmentPriors {
  const k = settings.max_prior_strength;
  const total = users.reduce((a, u) => a + u.applications.n, 0);
  const record = <K extends string, V>(keys: readonly K[], f: (key: K) => V) =>
    Object.freeze(Object.fromEntries(keys.map((key) => [key, f(key)]))) as Readonly<Record<K, V>>;
  return Object.freeze({
    segment,
    users: users.length,
    interview_rate: pooled(users.map((u) => u.applications)),
    pace: gammaPoissonPrior(
      users.map((u) => u.pace),
      k,
    ),
    category_rate: record(CATEGORIES, (c) =>
      betaBinomialPrior(
        users.map((u) => u.by_category[c]),
        k,
      ),
    ),
    category_share: record(CATEGORIES, (c) =>
      total > 0 ? users.reduce((a, u) => a + u.by_category[c].n, 0) / total : 1 / CATEGORIES.length,
    ),
    tailoring: differencePrior(users.map((u) => ({ with: u.tailored, without: u.untailored }))),
    components: record(FIT_COMPONENTS, (c) =>
      differencePrior(
        users.map((u) => ({ with: u.components[c].high, without: u.components[c].low })),
      ),
    ),
  });
}

/** The segment a user belongs to: their seniority (`unknown` without a profile). */
export const segmentOf = (u: UserStats): string => u.seniority ?? 'unknown';

/**
 * The priors of every segment from the users who share their data; a segment of fewer than
 * `min_segment_users` such users, and `all` itself, is answered by every such user's priors.
 */
export function segmentPriors(
  stats: readonly UserStats[],
  settings: PersonalizeSettings,
): (segment: string) => SegmentPriors {
  const sharing = stats.filter((u) => u.shares_data && u.applications.n > 0);
  const all = priorsOf(ALL_USERS_SEGMENT, sharing, settings);
  const bySegment = new Map<string, UserStats[]>();
  for (const u of sharing) {
    const list = bySegment.get(segmentOf(u)) ?? [];
    list.push(u);
    bySegment.set(segmentOf(u), list);
  }
  const priors = new Map<string, SegmentPriors>();
  for (const [key, users] of bySegment)
    if (users.length >= settings.min_segment_users) priors.set(key, priorsOf(key, users, settings));
  return (segment) => priors.get(segment) ?? all;
}
