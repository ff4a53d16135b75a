/**
 * Settings of the quality measurement, frozen. The minimum behind a figure is the project's
 * own (the causal grading's 30 treated units), reused rather than restated.
 */
import { DEFAULT_GRADING_SETTINGS } from '@hirelearn/causal';

export type PrecisionPeriod = 'week' | 'month';

export interface InsightQualitySettings {
  /** A user acted on a delivery when they did its action within this many days of it. */
  readonly acted_on_window_days: number;
  /**
   * A `timing` or `target` action is a share of applications, not one act: the user acted when
   * at least this share of their applications in the window matched it.
   */
  readonly acted_on_share: number;
  /** The user's applications this many days before the delivery are their "before". */
  readonly baseline_days: number;
  /**
   * Their "after": this many days from acting (an actor) or from the delivery (a non-actor,
   * the comparison).
   */
  readonly outcome_days: number;
  /** Fewer applications with a known outcome than this in either period: the user is left out. */
  readonly min_applications_per_period: number;
  /** No figure is reported on fewer users than this ("not enough data"). */
  readonly min_users: number;
  /** HIGH-confidence precision needs at least this many measured insights in a period. */
  readonly min_insights: number;
  /** Intervals are (1 - alpha). */
  readonly alpha: number;
  /** The periods over which HIGH-confidence precision is followed. */
  readonly precision_period: PrecisionPeriod;
}

export const DEFAULT_INSIGHT_QUALITY_SETTINGS: InsightQualitySettings = Object.freeze({
  acted_on_window_days: 28,
  acted_on_share: 0.5,
  baseline_days: 90,
  outcome_days: 90,
  min_applications_per_period: 3,
  min_users: DEFAULT_GRADING_SETTINGS.min_treated,
  min_insights: 3,
  alpha: 0.05,
  precision_period: 'month',
});

/** The defaults with some settings replaced; a bad value throws naming the setting and the rule. */
export function insightQualitySettings(
  overrides: Partial<InsightQualitySettings> = {},
): InsightQualitySettings {
  const s = { ...DEFAULT_INSIGHT_QUALITY_SETTINGS, ...overrides };
  for (const name of [
    'acted_on_window_days',
    'baseline_days',
    'outcome_days',
    'min_applications_per_period',
    'min_users',
    'min_insights',
  ] as const) {
    if (!Number.isInteger(s[name]) || s[name] < 1)
      throw new RangeError(
        `insight quality settings: ${name} must be an integer >= 1, got ${s[name]}`,
      );
  }
  if (!(s.acted_on_share > 0 && s.acted_on_share <= 1))
    throw new RangeError(
      `insight quality settings: acted_on_share must be in (0, 1], got ${s.acted_on_share}`,
    );
  if (!(s.alpha > 0 && s.alpha < 1))
    throw new RangeError(`insight quality settings: alpha must be in (0, 1), got ${s.alpha}`);
  if (s.precision_period !== 'week' && s.precision_period !== 'month')
    throw new RangeError(
      `insight quality settings: precision_period must be week or month, got ${String(s.precision_period)}`,
    );
  return Object.freeze(s);
}
