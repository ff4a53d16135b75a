/**
 * Design-time power for a two-arm test of μ_t − μ_c with a two-sided level-α z test:
 *   MDE = (z_{1−α/2} + z_{power}) · σ · √(1/n_c + 1/n_t),
 *   n_total = (z_{1−α/2} + z_{power})² · σ² · (1/w_c + 1/w_t) / δ²   (w: allocation shares),
 *   power(δ) = Φ(|δ|/se − z_{1−α/2}) (the far tail neglected).
 * For a proportion use σ² = p(1 − p) of the baseline (the unpooled approximation).
 */
import { normalCdf, normalQuantile } from '@hirelearn/stats';

const { sqrt, ceil, abs } = Math;

export interface PowerSettings {
  readonly alpha: number;
  readonly power: number;
  /** Control's share of the users (treatment gets the rest). */
  readonly control_share: number;
}

export const DEFAULT_POWER_SETTINGS: PowerSettings = Object.freeze({
  alpha: 0.05,
  power: 0.8,
  control_share: 0.5,
});

export interface PowerPlan {
  /** Smallest absolute effect detectable at the given total sample size. */
  readonly mde_absolute: number;
  /** MDE relative to the baseline mean (NaN when the baseline is 0). */
  readonly mde_relative: number;
  readonly total_users: number;
  readonly alpha: number;
  readonly power: number;
}

function zSum(s: PowerSettings): number {
  return normalQuantile(1 - s.alpha / 2) + normalQuantile(s.power);
}

/** Minimum detectable effect with `totalUsers` users of a metric with sd `sigma`. */
export function minimumDetectableEffect(
  sigma: number,
  totalUsers: number,
  baselineMean: number,
  settings: Partial<PowerSettings> = {},
): PowerPlan {
  const s = { ...DEFAULT_POWER_SETTINGS, ...settings };
  const nc = totalUsers * s.control_share;
  const nt = totalUsers - nc;
  const mde = zSum(s) * sigma * sqrt(1 / nc + 1 / nt);
  return {
    mde_absolute: mde,
    mde_relative: baselineMean !== 0 ? mde / abs(baselineMean) : NaN,
    total_users: totalUsers,
    alpha: s.alpha,
    power: s.power,
  };
}

/** Total users needed to detect an absolute effect `delta` on a metric with sd `sigma`. */
export function requiredSampleSize(
  sigma: number,
  delta: number,
  settings: Partial<PowerSettings> = {},
): number {
  const s = { ...DEFAULT_POWER_SETTINGS, ...settings };
  const z = zSum(s);
  return ceil(
    (z * z * sigma * sigma * (1 / s.control_share + 1 / (1 - s.control_share))) / (delta * delta),
  );
}

/** Power of the test to detect `delta` with `totalUsers` users. */
export function powerAt(
  sigma: number,
  delta: number,
  totalUsers: number,
  settings: Partial<PowerSettings> = {},
): number {
  const s = { ...DEFAULT_POWER_SETTINGS, ...settings };
  const nc = totalUsers * s.control_share;
  const se = sigma * sqrt(1 / nc + 1 / (totalUsers - nc));
  return normalCdf(abs(delta) / se - normalQuantile(1 - s.alpha / 2));
}
