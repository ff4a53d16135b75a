import {
  allPerformanceRows,
  applicationsByMode,
  performanceRow,
  resumeProgress,
  type UserPerformanceRow,
} from './performance-queries';
import { dataPeriod } from './data-period';
import type { Period } from './period';
import { rateOf, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { type SqlSource } from '@hirelearn/store';

export type { UserPerformanceRow } from './performance-queries';

/** The spec's `UserPerformance`: how one user's search went in a period. */
export interface UserPerformance {
  readonly status: 'ok' | 'no_applications';
  readonly user_id: string;
  readonly period: Period;
  readonly total_applications: number;
  readonly applications_by_category: {
    readonly reach: number;
    readonly target: number;
    readonly safety: number;
  };
  /** Applications that ever reached an interview (or an offer) before the period's end. */
  readonly interview_requests: number;
  readonly interview_rate: Rate;
  readonly offers: number;
  readonly offer_rate: Rate;
  readonly rejections: number;
  /** Explicitly ghosted, or silent for `ghost_after_days` after submission. */
  readonly ghosted: number;
  readonly avg_days_to_response: number | null;
  readonly fastest_response_days: number | null;
  /** Applications per strategy mode. */
  readonly strategy_distribution: Readonly<Record<string, number>>;
  readonly interview_rate_by_mode: Readonly<Record<string, Rate>>;
  readonly resume_score_start: number | null;
  readonly resume_score_current: number | null;
  readonly resume_improvement: number | null;
  readonly rewrites_accepted: number;
  readonly rewrites_rejected: number;
}

/** Per-user performance for every user in one aggregation in the engine. */
export async function allUserPerformance(
  db: SqlSource,
  period: Period,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<UserPerformanceRow[]> {
  return allPerformanceRows(db, period, settings.ghost_after_days);
}

/** One user's `UserPerformance` in a period. */
export async function userPerformance(
  db: SqlSource,
  userId: string,
  period: Period,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<UserPerformance> {
  const p = await performanceRow(db, userId, period, settings.ghost_after_days);
  const modes = await applicationsByMode(db, userId, period);
  const resume = await resumeProgress(db, userId, period);
  const start = resume.score_start;
  const current = resume.score_current;
  const round = (x: number) => Math.round(x * 100) / 100;
  return Object.freeze({
    status: p.total_applications > 0 ? 'ok' : 'no_applications',
    user_id: userId,
    period: await dataPeriod(db, period),
    total_applications: p.total_applications,
    applications_by_category: Object.freeze({ reach: p.reach, target: p.target, safety: p.safety }),
    interview_requests: p.interview_requests,
    interview_rate: rateOf(p.interview_requests, p.total_applications, settings.alpha),
    offers: p.offers,
    offer_rate: rateOf(p.offers, p.total_applications, settings.alpha),
    rejections: p.rejections,
    ghosted: p.ghosted,
    avg_days_to_response: p.avg_days_to_response,
    fastest_response_days: p.fastest_response_days,
    strategy_distribution: Object.freeze(
      Object.fromEntries(modes.map((m) => [m.mode, m.applications])),
    ),
    interview_rate_by_mode: Object.freeze(
      Object.fromEntries(
        modes.map((m) => [m.mode, rateOf(m.interviews, m.applications, settings.alpha)]),
      ),
    ),
    resume_score_start: start,
    resume_score_current: current,
    resume_improvement: start !== null && current !== null ? round(current - start) : null,
    rewrites_accepted: resume.rewrites_accepted,
    rewrites_rejected: resume.rewrites_rejected,
  });
}
