/**
 * Always-valid confidence sequence for a difference in means: the two-sided normal-mixture
 * boundary of Howard, Ramdas, McAuliffe & Sekhon (Ann. Statist. 2021, eq. 14) applied to the
 * asymptotic confidence sequence of Waudby-Smith et al. (2023), as GrowthBook's gbstats does:
 *   N = n_c + n_t,  s² = σ_c² N/n_c + σ_t² N/n_t,
 *   ρ² = (−2 ln α + ln(−2 ln α + 1)) / τ      (τ: the sample size where the bound is tightest),
 *   half-width = √s² · √( 2(Nρ² + 1)/(N²ρ²) · ln(√(Nρ² + 1)/α) ).
 * The interval covers the true difference at every N at once with probability ≥ 1 − α, so
 * looking at it every night and stopping when it excludes 0 keeps the error rate at α.
 */
const { sqrt, log } = Math;

export interface SequentialSettings {
  readonly alpha: number;
  /** τ: the total sample size the mixture is tuned for (gbstats' default 5000). */
  readonly tuning_sample_size: number;
}

export const DEFAULT_SEQUENTIAL_SETTINGS: SequentialSettings = Object.freeze({
  alpha: 0.05,
  tuning_sample_size: 5000,
});

/**
 * Half-width of the always-valid interval of an estimate whose variance is `variance` after
 * `totalN` users (s² = variance · N); works for the absolute and the relative lift alike.
 */
export function confidenceSequenceHalfWidthFromVariance(
  variance: number,
  totalN: number,
  settings: Partial<SequentialSettings> = {},
): number {
  const s = { ...DEFAULT_SEQUENTIAL_SETTINGS, ...settings };
  const n = totalN;
  const s2 = variance * n;
  const la = -2 * log(s.alpha);
  const rho2 = (la + log(la + 1)) / s.tuning_sample_size;
  const nr = n * rho2;
  return sqrt(s2) * sqrt(((2 * (nr + 1)) / (n * n * rho2)) * log(sqrt(nr + 1) / s.alpha));
}

/** Half-width of the always-valid interval for μ_t − μ_c from per-user variances. */
export function confidenceSequenceHalfWidth(
  controlVariance: number,
  controlN: number,
  treatmentVariance: number,
  treatmentN: number,
  settings: Partial<SequentialSettings> = {},
): number {
  return confidenceSequenceHalfWidthFromVariance(
    controlVariance / controlN + treatmentVariance / treatmentN,
    controlN + treatmentN,
    settings,
  );
}

export interface SequentialResult {
  readonly ci: readonly [number, number];
  /** True when the always-valid interval excludes 0. */
  readonly significant: boolean;
}

/** The always-valid interval around an observed difference. */
export function confidenceSequence(
  difference: number,
  controlVariance: number,
  controlN: number,
  treatmentVariance: number,
  treatmentN: number,
  settings: Partial<SequentialSettings> = {},
): SequentialResult {
  const h = confidenceSequenceHalfWidth(
    controlVariance,
    controlN,
    treatmentVariance,
    treatmentN,
    settings,
  );
  const ci: readonly [number, number] = [difference - h, difference + h];
  return { ci, significant: ci[0] > 0 || ci[1] < 0 };
}
