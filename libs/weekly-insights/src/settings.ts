/**
 * Settings of the weekly report, frozen; the thresholds are the project's own minimums, reused
 * rather than restated: k and the minimum sample of every rate from analytics, the 30 treated
 * units and the q-value bar of a causal effect from the causal grading.
 */
import { analyticsSettings, type AnalyticsSettings } from '@hirelearn/analytics';
import { DEFAULT_GRADING_SETTINGS, type Confidence } from '@hirelearn/causal';

export interface WeeklyInsightsSettings {
  /** k (fewest users behind a segment figure), min_sample (fewest applications behind a rate), alpha. */
  readonly analytics: AnalyticsSettings;
  /** Weeks before the report's week that make "your usual week" and the segment's. */
  readonly history_weeks: number;
  /** Fewer active weeks than this in the history: no comparison with the user's own past. */
  readonly min_history_weeks: number;
  /** A causal effect is recommended only with one of these grades... */
  readonly actionable_grades: readonly Confidence[];
  /** ...and at least this many treated units behind it (the spec's 30). */
  readonly min_treated: number;
  /** ...and a q-value at most this. */
  readonly max_q_value: number;
  /** Most recommended actions in one report (largest effect first). */
  readonly max_actions: number;
  /** Most patterns under "what worked". */
  readonly max_patterns: number;
  /** Weeks of job postings before the report's week that the market compares against. */
  readonly market_weeks: number;
  /** Fewest postings (the week's and the baseline's each) behind a market change. */
  readonly min_postings: number;
  /** Most market items in one report. */
  readonly max_market_items: number;
  /** Users per set-based batch of a run over everyone (memory stays flat: one batch at a time). */
  readonly batch_users: number;
}

export const DEFAULT_WEEKLY_INSIGHTS_SETTINGS: WeeklyInsightsSettings = Object.freeze({
  analytics: analyticsSettings(),
  history_weeks: 12,
  min_history_weeks: 3,
  actionable_grades: Object.freeze(['HIGH'] as const),
  min_treated: DEFAULT_GRADING_SETTINGS.min_treated,
  max_q_value: DEFAULT_GRADING_SETTINGS.max_q_value,
  max_actions: 3,
  max_patterns: 3,
  market_weeks: 8,
  min_postings: 20,
  max_market_items: 3,
  batch_users: 500,
});

const positiveInteger = (name: string, v: number) => {
  if (!Number.isInteger(v) || v < 1)
    throw new RangeError(`weekly insights settings: ${name} must be an integer >= 1, got ${v}`);
};

/** The defaults with some settings replaced; checked and frozen. */
export function weeklyInsightsSettings(
  overrides: Partial<WeeklyInsightsSettings> = {},
): WeeklyInsightsSettings {
  const s = { ...DEFAULT_WEEKLY_INSIGHTS_SETTINGS, ...overrides };
  for (const name of [
    'history_weeks',
    'min_history_weeks',
    'min_treated',
    'max_actions',
    'max_patterns',
    'market_weeks',
    'min_postings',
    'max_market_items',
    'batch_users',
  ] as const)
    positiveInteger(name, s[name]);
  if (!(s.max_q_value > 0 && s.max_q_value <= 1))
    throw new RangeError(
      `weekly insights settings: max_q_value must be in (0, 1], got ${s.max_q_value}`,
    );
  if (s.actionable_grades.length === 0)
    throw new RangeError('weekly insights settings: actionable_grades must name a grade');
  return Object.freeze(s);
}
