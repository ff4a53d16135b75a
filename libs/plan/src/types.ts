/**
 * The shapes of a weekly plan: its evidence per application category, the levers the engine's
 * causal results allow, and the result with its Pareto front and recommended (knee) plan.
 * Plain, serializable data with the spec's snake_case fields.
 */
import type { Rate } from '@hirelearn/analytics';
import type { Objective } from '@hirelearn/moo';

/** The contract's `context.category`: reach is a stretch role, safety a sure fit. */
export const PLAN_CATEGORIES = ['reach', 'target', 'safety'] as const;
export type PlanCategory = (typeof PLAN_CATEGORIES)[number];

/** Applications of one scope grouped by what a plan can change, with their outcomes. */
export interface ApplicationGroup {
  readonly category: PlanCategory;
  readonly tailored: boolean;
  /** ISO weekday 1-7 of submission (UTC). */
  readonly weekday: number;
  readonly hour: number;
  readonly applications: number;
  readonly interviews: number;
  /** Sum and count of the applications' alignment to their applicant's targets (0-1). */
  readonly alignment_sum: number;
  readonly alignment_n: number;
}

/** Which applications a lever marks: the attribution's treatment indicator, in data. */
export type LeverIndicator =
  | { readonly kind: 'tailoring' }
  | { readonly kind: 'weekday'; readonly weekday: number }
  | { readonly kind: 'hour_band'; readonly from: number; readonly to: number };

/**
 * Something a plan does to each application, with the causal effect the engine measured for it
 * (0 unless the attribution graded it actionable) and the extra hours it costs.
 */
export interface PlanLever {
  readonly treatment: string;
  /** What the plan asks, in words: 'tailor', 'send on a Tuesday'. */
  readonly action: string;
  readonly indicator: LeverIndicator;
  /** Added to P(interview) of an application that has it. */
  readonly effect: number;
  readonly extra_hours_per_application: number;
  /** The stored effect it rests on (`run/treatment`), or why it is taken as 0. */
  readonly evidence: string;
}

/** What the plan knows about one category of applications. */
export interface CategoryEvidence {
  readonly category: PlanCategory;
  /** The user's own outcomes (n = 0 for a segment-level plan). */
  readonly own_interview_rate: Rate;
  readonly segment_interview_rate: Rate;
  /** The user's rate shrunk toward the segment: (x + m p) / (n + m). */
  readonly interview_probability: number;
  /** The same with the levers' effects taken out at the shares this history had them. */
  readonly base_probability: number;
  /** Shrunk share of applications that had each lever, by treatment. */
  readonly lever_shares: Readonly<Record<string, number>>;
  /** Shrunk mean alignment (0-1) to the applicant's targets; null when nothing could be scored. */
  readonly alignment: number | null;
  /** Postings a week that fit the user in this category: where returns start to diminish. */
  readonly fitting_postings_per_week: number;
}

export type PlanBasis = 'personal' | 'segment';

/** Everything a plan is optimised from. */
export interface PlanInputs {
  readonly user_id: string;
  readonly basis: PlanBasis;
  /** The seniority whose users form the prior (null: every user, the segment being too small). */
  readonly segment: string | null;
  readonly hours_per_week: number;
  readonly categories: readonly CategoryEvidence[];
  readonly levers: readonly PlanLever[];
  readonly notes: readonly string[];
}

/** One plan of the front, in the user's terms. */
export interface PlanOption {
  readonly applications_per_week: Readonly<Record<PlanCategory, number>>;
  readonly total_applications_per_week: number;
  /** Share (0-1) of the applications each lever is applied to, by treatment. */
  readonly lever_shares: Readonly<Record<string, number>>;
  readonly interviews_per_month: number;
  readonly hours_per_week: number;
  /** Interviews each counted by its role's alignment with the user's targets; null when unscored. */
  readonly aligned_interviews_per_month: number | null;
  /** Mean alignment (0-100) of the week's applications with the user's targets; null when unscored. */
  readonly alignment_pct: number | null;
}

export type PlanStatus = 'ok' | 'infeasible' | 'refused';
export type PlanReasonCode = 'unknown_user' | 'erased_user' | 'no_feasible_plan';

/** The spec's multi-objective plan (7.6): the Pareto front, its knee and the trade-off in words. */
export interface MultiObjectivePlan {
  readonly status: PlanStatus;
  readonly reason_code: PlanReasonCode | null;
  /** '' when ok; otherwise what stops a plan, in words a person can act on. */
  readonly reason: string;
  readonly user_id: string;
  readonly basis: PlanBasis | null;
  readonly inputs: PlanInputs | null;
  readonly objectives: readonly Objective[];
  /** Non-dominated plans, fewest hours first. */
  readonly front: readonly PlanOption[];
  readonly recommended: PlanOption | null;
  /** Distance of the knee beyond the extremes' plane (normalised; 0 on a straight front). */
  readonly knee_distance: number | null;
  readonly trade_off: string;
  readonly evaluations: number;
  readonly seed: string;
}
