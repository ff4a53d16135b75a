/**
 * Estimation settings, frozen, with the defaults the spec and the literature use. Pass a
 * partial object to `causalSettings` to override; estimators never read literals.
 */
import { deepFreeze } from './freeze';

export interface CausalSettings {
  /** Two-sided level of confidence intervals and tests. */
  readonly alpha: number;
  /** Ridge penalty of the propensity logistic regression (0 = plain maximum likelihood). */
  readonly propensity_lambda: number;
  /**
   * How the overlap region is set (overlap.ts): 'bounds' = `overlap_bounds`; 'crump' = the
   * optimal [α, 1 − α] of Crump et al. (2009), computed from the fitted propensities.
   */
  readonly overlap_rule: 'bounds' | 'crump';
  /** Propensity bounds of the overlap region under the 'bounds' rule (Crump et al. 2009 use [0.1, 0.9]; we default to [0.05, 0.95]). */
  readonly overlap_bounds: readonly [number, number];
  /** Minimum share of units inside `overlap_bounds` for overlap to count as OK. */
  readonly min_overlap_share: number;
  /**
   * With `trim`, the share of units the region must keep for overlap to count as OK (instead of
   * `min_overlap_share`): the estimate is then of the overlap population, and Crump et al.'s
   * rule often trims 10–20% by design, so it is judged by whether that population still speaks
   * for most of the sample.
   */
  readonly min_trimmed_share: number;
  /** When true, IPW and AIPW drop units outside the overlap region before estimating (and say how many). */
  readonly trim: boolean;
  /** Matching caliper in standard deviations of the logit propensity (Austin 2011: 0.2). */
  readonly caliper_sd: number;
  /** Minimum units per arm for any estimate. */
  readonly min_per_arm: number;
  /** First-stage F below which an instrument is weak (Staiger & Stock 1997). */
  readonly weak_instrument_f: number;
}

export const DEFAULT_CAUSAL_SETTINGS: CausalSettings = deepFreeze({
  alpha: 0.05,
  propensity_lambda: 0,
  overlap_rule: 'bounds',
  overlap_bounds: [0.05, 0.95] as const,
  min_overlap_share: 0.9,
  min_trimmed_share: 0.5,
  trim: false,
  caliper_sd: 0.2,
  min_per_arm: 2,
  weak_instrument_f: 10,
});

/** Frozen settings: the defaults overridden by `overrides`. */
export function causalSettings(overrides: Partial<CausalSettings> = {}): CausalSettings {
  return deepFreeze({ ...DEFAULT_CAUSAL_SETTINGS, ...overrides });
}
