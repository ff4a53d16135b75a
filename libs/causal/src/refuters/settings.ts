/** Refuter settings, frozen, with defaults; every refuter is seeded explicitly. */
import { deepFreeze } from '../freeze';

export interface RefuterSettings {
  /** Seed of the refuters' random draws (permutations, random covariates, subsets). */
  readonly seed: number | string;
  /** Two-sided level used by the placebo test. */
  readonly alpha: number;
  /** Number of placebo permutations averaged. */
  readonly placebo_repeats: number;
  /** Random common cause: the estimate may move by at most this many original SEs. */
  readonly random_cause_tolerance_se: number;
  /** Data subset: fraction of units (or clusters) kept per subset, and how many subsets. */
  readonly subset_fraction: number;
  readonly subset_repeats: number;
  /**
   * A claimed effect (CI excluding 0) passes the E-value refuter when the E-value of its CI limit
   * nearest the null reaches this (VanderWeele & Ding 2017: an unmeasured confounder would need a
   * risk ratio of at least this with both treatment and outcome). Not judged without a claim.
   */
  readonly min_e_value: number;
}

export const DEFAULT_REFUTER_SETTINGS: RefuterSettings = deepFreeze({
  seed: 1,
  alpha: 0.05,
  placebo_repeats: 3,
  random_cause_tolerance_se: 0.25,
  subset_fraction: 0.8,
  subset_repeats: 5,
  min_e_value: 1.25,
});

/** Frozen refuter settings: the defaults overridden by `overrides`. */
export function refuterSettings(overrides: Partial<RefuterSettings> = {}): RefuterSettings {
  return deepFreeze({ ...DEFAULT_REFUTER_SETTINGS, ...overrides });
}
