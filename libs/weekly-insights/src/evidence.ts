/**
 * The evidence behind each kind of insight, computed from sufficient statistics: two rates
 * compared, one week against the weeks before it, and a count against its baseline. Each
 * returns null below the minimums instead of a figure that would not bear weight.
 */
import type { Confidence } from '@hirelearn/causal';
import { normalQuantile, tQuantile, twoProportionZTest } from '@hirelearn/stats';
import type { Evidence } from './types';

const frozen = (e: Evidence): Evidence =>
  Object.freeze({
    ...e,
    interval: Object.freeze([e.interval[0], e.interval[1]]) as [number, number],
  });

/** A count of successes out of n. */
export interface Counts {
  readonly x: number;
  readonly n: number;
}

/**
 * Difference of two interview rates (a − b) with the unpooled Wald interval of the
 * two-proportion z test; null unless both sides have `minSample` applications.
 */
export function rateDifference(
  a: Counts,
  b: Counts,
  minSample: number,
  alpha: number,
  method: string,
): Evidence | null {
  if (a.n < minSample || b.n < minSample) return null;
  const t = twoProportionZTest(a.x, a.n, b.x, b.n, alpha);
  if (t.status !== 'ok') return null;
  return frozen({
    effect: t.diff,
    interval: [t.ci[0], t.ci[1]],
    sample_size: a.n + b.n,
    method,
    unit: 'probability',
  });
}

/**
 * This week's count against the weeks before it: the difference from their mean, with the
 * (1 − alpha) t prediction interval of one more week, `mean ± t·sd·√(1 + 1/m)`, moved to the
 * difference's scale. Null with fewer than `minWeeks` past weeks.
 */
export function weekAgainstHistory(
  thisWeek: number,
  past: readonly number[],
  minWeeks: number,
  alpha: number,
): Evidence | null {
  const m = past.length;
  if (m < Math.max(2, minWeeks)) return null;
  const mean = past.reduce((a, b) => a + b, 0) / m;
  const sd = Math.sqrt(past.reduce((a, b) => a + (b - mean) ** 2, 0) / (m - 1));
  const half = tQuantile(1 - alpha / 2, m - 1) * sd * Math.sqrt(1 + 1 / m);
  const effect = thisWeek - mean;
  return frozen({
    effect,
    interval: [effect - half, effect + half],
    sample_size: m,
    method: `this week against a t prediction interval from your previous ${m} active weeks`,
    unit: 'applications',
  });
}

/**
 * A count against a baseline of `baselineWeeks` weeks: relative change of the week's rate,
 * a/(b/w) − 1, with the log rate ratio's Poisson interval exp(log RR ± z·√(1/a + 1/b)) − 1.
 * Null unless the week and the baseline's weekly mean each reach `minCount`.
 */
export function relativeChange(
  week: number,
  baseline: number,
  baselineWeeks: number,
  minCount: number,
  alpha: number,
  method: string,
): Evidence | null {
  if (week < minCount || baseline / baselineWeeks < minCount) return null;
  const rr = week / (baseline / baselineWeeks);
  const half = normalQuantile(1 - alpha / 2) * Math.sqrt(1 / week + 1 / baseline);
  return frozen({
    effect: rr - 1,
    interval: [Math.exp(Math.log(rr) - half) - 1, Math.exp(Math.log(rr) + half) - 1],
    sample_size: week + baseline,
    method,
    unit: 'relative_change',
  });
}

/** Whether an interval lies wholly on one side of 0. */
export const excludesZero = (e: Evidence): boolean => e.interval[0] > 0 || e.interval[1] < 0;

/**
 * The confidence of a descriptive (not causal) insight: MEDIUM when its interval excludes 0,
 * LOW otherwise. HIGH is kept for causal effects graded HIGH by the attribution, so that the
 * precision of HIGH insights measures the causal claims alone.
 */
export const descriptiveConfidence = (e: Evidence): Confidence =>
  excludesZero(e) ? 'MEDIUM' : 'LOW';
