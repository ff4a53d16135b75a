/**
 * Sufficient statistics of one variant (gbstats style): everything the analysis needs comes
 * from these frozen sums, so its cost grows with variants, not with exposures.
 */
export interface VariantMoments {
  readonly variant_id: string;
  /** Users exposed. */
  readonly n: number;
  /** Σ y and Σ y² of the metric over users. */
  readonly sum: number;
  readonly sum_sq: number;
  /** Pre-period covariate moments for CUPED: Σ x, Σ x², Σ xy (absent when not pulled). */
  readonly pre?: { readonly sum: number; readonly sum_sq: number; readonly sum_xy: number };
  /**
   * Denominator moments of a ratio metric (interviews per application: y = a user's
   * interviews, d = their applications): Σ d, Σ d², and the cross moment Σ yd the delta
   * method needs. Present only for ratio metrics.
   */
  readonly denominator?: {
    readonly sum: number;
    readonly sum_sq: number;
    readonly sum_yd: number;
  };
}

/** Sample mean Σy / n. */
export function momentMean(sum: number, n: number): number {
  return n > 0 ? sum / n : NaN;
}

/** Unbiased sample variance (Σy² − (Σy)²/n) / (n − 1), floored at 0 against rounding. */
export function momentVariance(sum: number, sumSq: number, n: number): number {
  if (n < 2) return NaN;
  const v = (sumSq - (sum * sum) / n) / (n - 1);
  return v > 0 ? v : 0;
}

/** Unbiased sample covariance (Σxy − ΣxΣy/n) / (n − 1). */
export function momentCovariance(sumX: number, sumY: number, sumXy: number, n: number): number {
  return n < 2 ? NaN : (sumXy - (sumX * sumY) / n) / (n - 1);
}

/** Moments of a ratio metric from per-user numerators y and denominators d. */
export function ratioMomentsOf(
  variant_id: string,
  y: readonly number[],
  d: readonly number[],
): VariantMoments {
  let ds = 0;
  let dd = 0;
  let yd = 0;
  for (let i = 0; i < y.length; i++) {
    ds += d[i];
    dd += d[i] * d[i];
    yd += y[i] * d[i];
  }
  return Object.freeze({
    ...momentsOf(variant_id, y),
    denominator: Object.freeze({ sum: ds, sum_sq: dd, sum_yd: yd }),
  });
}

/** Moments of a list of values (tests, simulations, benches). */
export function momentsOf(
  variant_id: string,
  y: readonly number[],
  x?: readonly number[],
): VariantMoments {
  let sum = 0;
  let sumSq = 0;
  let xs = 0;
  let xx = 0;
  let xy = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    sum += v;
    sumSq += v * v;
    if (x) {
      const c = x[i];
      xs += c;
      xx += c * c;
      xy += c * v;
    }
  }
  return Object.freeze({
    variant_id,
    n: y.length,
    sum,
    sum_sq: sumSq,
    ...(x ? { pre: Object.freeze({ sum: xs, sum_sq: xx, sum_xy: xy }) } : {}),
  });
}
