import { allFinite, assertInput } from '@hirelearn/stats';
import type { TemporalStatusFields } from './status';

/** PELT options: the spec's settings are penalty 10 and segments of at least 30 days. */
export interface PeltOptions {
  /**
   * Added to the cost for every change point, on the scale of the negative log-likelihood
   * (10 here is 20 on the "twice the negative log-likelihood" scale of R's changepoint).
   */
  readonly penalty: number;
  /** No segment is shorter than this many observations. */
  readonly min_segment: number;
  /**
   * Floor of a segment's variance, as a share of the whole series' variance, so a run of
   * identical values (zero postings for a month) is not a segment of infinite likelihood.
   */
  readonly variance_floor?: number;
}

/** One change point: the first index of the new segment and the segments either side. */
export interface ChangePoint {
  readonly index: number;
  readonly mean_before: number;
  readonly mean_after: number;
  readonly sd_before: number;
  readonly sd_after: number;
  /** (mean_after - mean_before) / |mean_before|; null when mean_before is 0. */
  readonly relative_change: number | null;
  /**
   * Cost saved by splitting the two neighbouring segments here: the log-likelihood ratio of
   * "two normal segments" against "one" (at least the penalty, or PELT would not split).
   */
  readonly strength: number;
}

export interface ChangePointResult extends TemporalStatusFields {
  readonly change_points: readonly ChangePoint[];
  readonly penalty: number;
  readonly min_segment: number;
  readonly n: number;
}

/** Prefix sums of x and x², so any segment's mean and variance cost O(1). */
class SegmentCost {
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  constructor(
    x: readonly number[],
    private readonly floor: number,
  ) {
    this.s1 = new Float64Array(x.length + 1);
    this.s2 = new Float64Array(x.length + 1);
    for (let i = 0; i < x.length; i++) {
      this.s1[i + 1] = this.s1[i] + x[i];
      this.s2[i + 1] = this.s2[i] + x[i] * x[i];
    }
  }
  mean(a: number, b: number): number {
    return (this.s1[b] - this.s1[a]) / (b - a);
  }
  variance(a: number, b: number): number {
    const m = this.mean(a, b);
    return Math.max(0, (this.s2[b] - this.s2[a]) / (b - a) - m * m);
  }
  /** Negative log-likelihood of x[a..b) as one normal segment (MLE mean and variance), less constants. */
  cost(a: number, b: number): number {
    return ((b - a) / 2) * Math.log(Math.max(this.variance(a, b), this.floor));
  }
}

/**
 * Change points in mean and variance by PELT (Killick, Fearnhead and Eckley 2012): the exact
 * minimiser of the total normal cost plus `penalty` per change, segments of at least
 * `min_segment`, with the pruning that keeps it near-linear. A series shorter than two
 * minimum segments cannot hold a change and says so (`too_short_for_segment`).
 */
export function changePoints(x: readonly number[], options: PeltOptions): ChangePointResult {
  const { penalty, min_segment: m } = options;
  assertInput(penalty >= 0, 'penalty must be >= 0');
  assertInput(Number.isInteger(m) && m >= 2, 'min_segment must be an integer >= 2');
  const n = x.length;
  const base = { penalty, min_segment: m, n };
  const none = (status: ChangePointResult['status'], reason: string): ChangePointResult =>
    Object.freeze({ status, reason, change_points: Object.freeze([]), ...base });
  if (n === 0) return none('empty_input', 'the series is empty');
  if (!allFinite(x)) return none('non_finite_input', 'the series has missing or non-finite values');
  if (n < 2 * m)
    return none(
      'too_short_for_segment',
      `a change needs two segments of at least ${m} observations (${2 * m}); the series has ${n}`,
    );
  const whole = new SegmentCost(x, 0);
  const total = whole.variance(0, n);
  if (total === 0) return none('constant_series', 'the series is constant');
  const c = new SegmentCost(x, total * (options.variance_floor ?? 1e-3));
  const best = new Float64Array(n + 1).fill(Infinity);
  const last = new Int32Array(n + 1).fill(-1);
  best[0] = -penalty;
  let candidates: number[] = [0];
  for (let t = m; t <= n; t++) {
    if (t - m >= m) candidates.push(t - m);
    let min = Infinity;
    let arg = -1;
    const costs = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      const tau = candidates[i];
      costs[i] = best[tau] + c.cost(tau, t);
      if (costs[i] + penalty < min) {
        min = costs[i] + penalty;
        arg = tau;
      }
    }
    best[t] = min;
    last[t] = arg;
    // PELT pruning: a start that cannot beat the optimum now never will (K = 0 here).
    candidates = candidates.filter((_, i) => costs[i] <= min);
  }
  const bounds: number[] = [];
  for (let t = n; t > 0; t = last[t]) bounds.unshift(t);
  bounds.unshift(0);
  const points: ChangePoint[] = [];
  for (let k = 1; k < bounds.length - 1; k++) {
    const [a, b, e] = [bounds[k - 1], bounds[k], bounds[k + 1]];
    const before = c.mean(a, b);
    const after = c.mean(b, e);
    points.push(
      Object.freeze({
        index: b,
        mean_before: before,
        mean_after: after,
        sd_before: Math.sqrt(c.variance(a, b)),
        sd_after: Math.sqrt(c.variance(b, e)),
        relative_change: before === 0 ? null : (after - before) / Math.abs(before),
        strength: c.cost(a, e) - c.cost(a, b) - c.cost(b, e),
      }),
    );
  }
  return Object.freeze({ status: 'ok', reason: '', change_points: Object.freeze(points), ...base });
}
