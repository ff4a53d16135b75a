/**
 * Descriptive statistics. Scalar summaries return NaN for inputs too short to define them
 * (empty input for a mean, fewer than 2 values for a sample variance) instead of throwing.
 *
 * References: sample variance with Bessel's correction; weighted variance with reliability
 * weights (GNU Scientific Library, "Weighted Samples", gsl_stats_wvariance); quantile type 7 of
 * Hyndman & Fan (1996), "Sample quantiles in statistical packages", Am. Stat. 50(4), the default
 * of R's `quantile` and NumPy's `percentile`.
 */
import { assertInput } from './status';

const abs = Math.abs;

/** Sum with Neumaier compensated summation (accurate for long, mixed-magnitude arrays). */
export function sum(values: readonly number[]): number {
  let s = 0;
  let comp = 0;
  for (const v of values) {
    const t = s + v;
    comp += abs(s) >= abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + comp;
}

/** Arithmetic mean  x̄ = Σ x_i / n. NaN when empty. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return sum(values) / values.length;
}

/** Sample variance  s² = Σ (x_i − x̄)² / (n − 1) (two-pass). NaN when n < 2. */
export function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  let s1 = 0;
  for (const v of values) {
    ss += (v - m) * (v - m);
    s1 += v - m;
  }
  // Corrected two-pass algorithm (Chan, Golub & LeVeque 1983).
  return (ss - (s1 * s1) / n) / (n - 1);
}

/** Sample standard deviation  s = sqrt(s²). */
export function sd(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

function checkWeights(values: readonly number[], weights: readonly number[], fn: string): void {
  assertInput(
    values.length === weights.length,
    `${fn}: values and weights must have equal length (${values.length} vs ${weights.length})`,
  );
  for (const w of weights) {
    if (!(Number.isFinite(w) && w >= 0)) {
      assertInput(false, `${fn}: weights must be finite and >= 0, got ${w}`);
    }
  }
}

/** Weighted mean  x̄_w = Σ w_i x_i / Σ w_i. NaN when Σ w = 0. */
export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  checkWeights(values, weights, 'weightedMean');
  const sw = sum(weights);
  if (!(sw > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += weights[i] * values[i];
  return s / sw;
}

/**
 * Weighted variance with reliability weights (unbiased for frequency-like weights):
 *   s²_w = V1 / (V1² − V2) · Σ w_i (x_i − x̄_w)²,  V1 = Σ w_i,  V2 = Σ w_i².
 * With all w_i = 1 this equals the (n − 1) sample variance. NaN when V1² − V2 ≤ 0
 * (fewer than two positively weighted observations).
 */
export function weightedVariance(values: readonly number[], weights: readonly number[]): number {
  checkWeights(values, weights, 'weightedVariance');
  const m = weightedMean(values, weights);
  if (Number.isNaN(m)) return NaN;
  let v1 = 0;
  let v2 = 0;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i];
    v1 += w;
    v2 += w * w;
    ss += w * (values[i] - m) * (values[i] - m);
  }
  const denom = v1 * v1 - v2;
  if (!(denom > 1e-12 * v1 * v1)) return NaN;
  return (v1 / denom) * ss;
}

/**
 * Sample quantile, Hyndman-Fan type 7:  h = (n − 1) p,  Q(p) = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋))
 * on the sorted sample (0-based order statistics). NaN when empty. Throws if p ∉ [0, 1].
 */
export function quantile(values: readonly number[], p: number): number {
  assertInput(p >= 0 && p <= 1, `quantile: p must be in [0, 1], got ${p}`);
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return quantileSorted(sorted, p);
}

/**
 * Type-7 quantile of an already ascending-sorted array, plain or typed (no copy, no check of
 * the order).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Median = type-7 quantile at p = 0.5 (average of the two middle values for even n). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
