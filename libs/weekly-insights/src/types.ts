/**
 * The spec's `WeeklyInsights` (8.1): one job seeker's week in five sections, every insight
 * with the evidence it rests on. Plain frozen data with the spec's snake_case names, so the
 * JSON format is the object as is.
 */
import type { Confidence } from '@hirelearn/causal';
import type { IsoWeek } from './week';

/** What an insight rests on: the effect, its interval, how many observations, and how. */
export interface Evidence {
  /** In the unit of `unit`: a difference in interview probability, applications, a ratio... */
  readonly effect: number;
  /** (1 - alpha) interval of `effect`. */
  readonly interval: readonly [number, number];
  readonly sample_size: number;
  readonly method: string;
  readonly unit: 'probability' | 'applications' | 'relative_change';
}

export type SectionName =
  'activity' | 'what_worked' | 'recommended_actions' | 'market_context' | 'next_week_focus';

export type InsightType =
  | 'activity_vs_own_past'
  | 'interview_rate_vs_segment'
  | 'user_pattern'
  | 'causal_action'
  | 'market_shift'
  | 'focus';

/** One insight: a stable id (the same user, week and subject give the same id), text, evidence. */
export interface Insight {
  readonly insight_id: string;
  readonly section: SectionName;
  readonly type: InsightType;
  readonly title: string;
  readonly detail: string;
  readonly evidence: Evidence;
  /** Causal insights: the grade of the effect; others: the strength of their own test. */
  readonly confidence: Confidence;
  /** The action an insight asks for (a treatment of the attribution), null when it only informs. */
  readonly action: string | null;
  /** Where the evidence came from: a stored effect id (`run/treatment`), a query, a series. */
  readonly source: string;
}

/** The week's counts, as plain facts (no inference, so no evidence needed). */
export interface WeekActivity {
  readonly applications: number;
  readonly interviews: number;
  readonly offers: number;
  readonly rejections: number;
  readonly resume_edits: number;
  /** Per week before and including the report's week, oldest first: the chart's data. */
  readonly history: readonly WeekPoint[];
}

export interface WeekPoint {
  readonly week: string;
  readonly applications: number;
  readonly interviews: number;
}

export type WeeklyStatus =
  /** The full report. */
  | 'ok'
  /** Nothing happened that week: a short report that says so. */
  | 'no_activity'
  /** The user opted out of personalization: what holds for their segment, nothing of theirs. */
  | 'segment_only';

export interface WeeklySection {
  readonly name: SectionName;
  readonly title: string;
  readonly insights: readonly Insight[];
  /** Why the section has no insight (minimums not met, nothing significant...). */
  readonly notes: readonly string[];
}

/** The spec's `WeeklyInsights`. */
export interface WeeklyInsights {
  readonly user_id: string;
  readonly week: IsoWeek;
  readonly status: WeeklyStatus;
  readonly headline: string;
  readonly generated_at: string;
  /** The segment the comparisons use (a profile value), null when the profile has none. */
  readonly segment: { readonly dimension: 'seniority'; readonly value: string | null };
  readonly activity: WeekActivity | null;
  readonly sections: readonly WeeklySection[];
  /** The stored attribution the actions come from (its run id), null when none is stored. */
  readonly attribution_run_id: string | null;
  readonly reasons: readonly string[];
}

/** A request the report refuses: the user is unknown, or erased. */
export interface WeeklyRefusal {
  readonly status: 'unknown_user' | 'erased_user';
  readonly reason: string;
}
