import { DEFAULT_K_ANONYMITY } from '@hirelearn/safeguards';

/** Settings of every analytics computation; the spec's thresholds are the defaults. */
export interface AnalyticsSettings {
  /** No cross-user cell built from fewer distinct users is shown. */
  readonly k: number;
  /** Nothing is "best" (or "worst") below this many applications. */
  readonly min_sample: number;
  /** Pseudo-applications of the segment's rate added to a rate before ranking (shrinkage). */
  readonly prior_strength: number;
  /** An application with no response this many days after submission counts as ghosted. */
  readonly ghost_after_days: number;
  /** 1 - confidence of every interval. */
  readonly alpha: number;
  /** A group whose rate is below this share of the best group's rate fails the four-fifths rule. */
  readonly four_fifths_ratio: number;
  /** How many entries the "top" lists keep. */
  readonly top: number;
}

export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = Object.freeze({
  k: DEFAULT_K_ANONYMITY,
  min_sample: 5,
  prior_strength: 10,
  ghost_after_days: 30,
  alpha: 0.05,
  four_fifths_ratio: 0.8,
  top: 10,
});

/** Defaults with some settings replaced; frozen. */
export function analyticsSettings(overrides: Partial<AnalyticsSettings> = {}): AnalyticsSettings {
  const s = { ...DEFAULT_ANALYTICS_SETTINGS, ...overrides };
  if (!Number.isInteger(s.k) || s.k < 1) throw new RangeError(`k must be an integer >= 1`);
  if (s.min_sample < 1) throw new RangeError(`min_sample must be >= 1`);
  if (s.prior_strength < 0) throw new RangeError(`prior_strength must be >= 0`);
  return Object.freeze(s);
}
