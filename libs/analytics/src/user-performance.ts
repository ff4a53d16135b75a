import { BY_MODE_SQL, ghostDays, performanceSql, RESUME_SQL } from './performance-sql';
import { dataPeriod } from './data-period';
import type { Period } from './period';
import { rateOf, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { num, numOrNull, str, type SqlSource } from '@hirelearn/store';

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

/** The scalar columns of `UserPerformance` for every user: the table the bench measures. */
export interface UserPerformanceRow {
  readonly user_id: string;
  readonly total_applications: number;
  readonly reach: number;
  readonly target: number;
  readonly safety: number;
  readonly interview_requests: number;
  readonly offers: number;
  readonly rejections: number;
  readonly ghosted: number;
  readonly avg_days_to_response: number | null;
  readonly fastest_response_days: number | null;
}

function toRow(r: Record<string, unknown>): UserPerformanceRow {
  return {
    user_id: str(r.user_id),
    total_applications: num(r.total_applications),
    reach: num(r.reach),
    target: num(r.target),
    safety: num(r.safety),
    interview_requests: num(r.interview_requests),
    offers: num(r.offers),
    rejections: num(r.rejections),
    ghosted: num(r.ghosted),
    avg_days_to_response: numOrNull(r.avg_days_to_response),
    fastest_response_days: numOrNull(r.fastest_response_days),
  };
}

/** Per-user performance for every user in one aggregation in the engine. */
export async function allUserPerformance(
  db: SqlSource,
  period: Period,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<UserPerformanceRow[]> {
  const rows = await db.rows(performanceSql(period, false), [ghostDays(settings.ghost_after_days)]);
  return rows.map(toRow);
}

/** One user's `UserPerformance` in a period. */
export async function userPerformance(
  db: SqlSource,
  userId: string,
  period: Period,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<UserPerformance> {
  const params = [period.start, period.end, userId];
  const [main] = await db.rows(performanceSql(period, true), [
    ghostDays(settings.ghost_after_days),
    userId,
  ]);
  const modes = await db.rows(BY_MODE_SQL, params);
  const [resume] = await db.rows(RESUME_SQL, params);
  const p = toRow(main ?? { user_id: userId });
  const start = numOrNull(resume?.score_start);
  const current = numOrNull(resume?.score_current);
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
      Object.fromEntries(modes.map((m) => [str(m.mode), num(m.n)])),
    ),
    interview_rate_by_mode: Object.freeze(
      Object.fromEntries(
        modes.map((m) => [str(m.mode), rateOf(num(m.interviews), num(m.n), settings.alpha)]),
      ),
    ),
    resume_score_start: start,
    resume_score_current: current,
    resume_improvement: start !== null && current !== null ? round(current - start) : null,
    rewrites_accepted: num(resume?.accepted),
    rewrites_rejected: num(resume?.rejected),
  });
}
