/**
 * The settings of a weekly plan: what an application costs in hours, the bounds of the
 * decision variables, which causal effects may move a plan, how user data is pulled toward the
 * segment, and NSGA-II's budget. Thresholds live here, not in the code that uses them.
 */
import { DEFAULT_ANALYTICS_SETTINGS } from '@hirelearn/analytics';
import type { Confidence } from '@hirelearn/causal';
import { SENIORITY_LEVELS } from '@hirelearn/contract';
import { DEFAULT_OPTIMIZE_SETTINGS } from '@hirelearn/optimize';

export interface PlanSettings {
  /**
   * Hours one untailored application takes (finding, reading, submitting). The event log
   * records no effort, so this is a setting; `--hours-per-application` style overrides go here.
   */
  readonly hours_per_application: number;
  /** Extra hours tailoring adds to one application (rewriting the resume for the posting). */
  readonly tailoring_hours_per_application: number;
  /** Upper bound of each category's applications a week (a pace a person can keep). */
  readonly max_applications_per_week: number;
  /**
   * Diminishing returns within a category: x applications a week in it bring
   * p * c * (1 - exp(-x / c)) interviews, c the postings a week that fit the user in that
   * category, so the first few go to the best-fitting postings at the user's rate p and each
   * further one reaches a worse fit. Without it every front would be a straight line
   * (interviews proportional to hours) with no knee. c is counted from JOB_POSTED
   * (plan-queries.ts `fittingPostingsPerWeek`); this is c when it cannot be (no postings, no
   * targets in the profile, or a segment-level plan).
   */
  readonly fitting_postings_per_week: number;
  /** c is never below this: a category with no fitting posting lately still holds a few. */
  readonly min_fitting_postings_per_week: number;
  /** Weeks of postings (to the newest) that c is counted over. */
  readonly postings_window_weeks: number;
  /** A plan sends at least this many applications a week (an empty plan is not a plan). */
  readonly min_applications_per_week: number;
  /** Hours a week assumed when the caller gives none (the contract's profile has no such field). */
  readonly default_hours_per_week: number;
  /** Interviews are reported a month: weeks a month, 52 / 12. */
  readonly weeks_per_month: number;
  /** Pseudo-applications of the segment's figures added to the user's (shrinkage, as analytics). */
  readonly prior_strength: number;
  /** No segment of fewer users is used as the prior: the plan falls back to every user. */
  readonly k: number;
  readonly alpha: number;
  /** Grades an attribution effect needs before it moves a plan (its interval must exclude 0). */
  readonly lever_grades: readonly Confidence[];
  /** The attribution's methods that compare a user with themselves (timing levers need one). */
  readonly within_user_methods: readonly string[];
  /**
   * Seniority ladder for the seniority part of alignment (the contract's levels, in order:
   * manager and above count as steps past principal). One step from the user's seniority
   * scores 1 - 1/`seniority_steps`, `seniority_steps` or more steps score 0.
   */
  readonly seniority_ladder: readonly string[];
  readonly seniority_steps: number;
  /** Interviews a month below which a trade-off is not put in words (noise of the front). */
  readonly min_reported_interviews: number;
  /** NSGA-II budget: 4-6 variables need far fewer evaluations than ZDT's 30. */
  readonly population_size: number;
  readonly generations: number;
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = Object.freeze({
  hours_per_application: 0.5,
  tailoring_hours_per_application: 1,
  max_applications_per_week: 40,
  fitting_postings_per_week: 10,
  min_fitting_postings_per_week: 1,
  postings_window_weeks: 4,
  min_applications_per_week: 1,
  default_hours_per_week: 10,
  weeks_per_month: 52 / 12,
  prior_strength: DEFAULT_ANALYTICS_SETTINGS.prior_strength,
  k: DEFAULT_ANALYTICS_SETTINGS.k,
  alpha: DEFAULT_ANALYTICS_SETTINGS.alpha,
  lever_grades: DEFAULT_OPTIMIZE_SETTINGS.timing.actionable_grades,
  within_user_methods: DEFAULT_OPTIMIZE_SETTINGS.timing.within_user_methods,
  seniority_ladder: SENIORITY_LEVELS,
  seniority_steps: 2,
  min_reported_interviews: 0.5,
  population_size: 100,
  generations: 100,
});

/** Defaults with some settings replaced, checked and frozen; errors name the setting and rule. */
export function planSettings(overrides: Partial<PlanSettings> = {}): PlanSettings {
  const s: PlanSettings = { ...DEFAULT_PLAN_SETTINGS, ...overrides };
  const positive = [
    'hours_per_application',
    'max_applications_per_week',
    'weeks_per_month',
    'seniority_steps',
    'fitting_postings_per_week',
    'min_fitting_postings_per_week',
    'postings_window_weeks',
  ] as const;
  for (const key of positive) {
    if (!(Number.isFinite(s[key]) && s[key] > 0))
      throw new RangeError(`${key}: must be a number > 0, got ${s[key]}`);
  }
  const nonNegative = [
    'tailoring_hours_per_application',
    'min_applications_per_week',
    'default_hours_per_week',
    'prior_strength',
    'min_reported_interviews',
  ] as const;
  for (const key of nonNegative) {
    if (!(Number.isFinite(s[key]) && s[key] >= 0))
      throw new RangeError(`${key}: must be a number >= 0, got ${s[key]}`);
  }
  if (s.min_applications_per_week > s.max_applications_per_week)
    throw new RangeError(
      `min_applications_per_week: must be <= max_applications_per_week (${s.max_applications_per_week}), got ${s.min_applications_per_week}`,
    );
  return Object.freeze(s);
}
