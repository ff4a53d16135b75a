/**
 * The named queries of user performance: the per-user counts of the applications fact, one
 * user's applications by strategy mode, and their resume's score and rewrites in a period.
 */
import type { Period } from './period';
import { num, numOrNull, str, type SqlSource } from '@hirelearn/store';

/** The scalar columns of `UserPerformance` for one user: the table the bench measures. */
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

function performanceRowOf(r: Record<string, unknown>): UserPerformanceRow {
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

/** `ghost_after_days` as the performance query's $1: whole days, refused unless finite >= 0. */
function ghostDays(ghostAfterDays: number): number {
  if (!Number.isFinite(ghostAfterDays) || ghostAfterDays < 0) {
    throw new RangeError(
      `ghost_after_days: must be a finite number of days >= 0, got ${ghostAfterDays}`,
    );
  }
  return Math.round(ghostAfterDays);
}

/**
 * The per-user performance query: one row per user, every count of `UserPerformance` that
 * the applications fact holds, for applications submitted in the period. Outcomes count only
 * when reached before the period's end; ghosting is a ghosted event before the end, or silence for
 * `ghost_after_days` measured at the earlier of the period's end and the newest event in the
 * store (so a replay gives the same answer as the facts). Parameters: $1 `ghost_after_days` in
 * whole days (`ghostDays`), $2 and $3 the period's bounds, and with `oneUser` $4 the user id.
 */
function performanceSql(oneUser: boolean): string {
  // The bounds are compared directly: joined from a one-row CTE instead, they made a non-equi
  // join ~3x slower than a plain filter at 10M rows (tools/bench/analytics.ts).
  return `
  WITH now AS (SELECT least($3::TIMESTAMP, max(occurred_at)) AS as_of FROM raw_events),
  explicit_ghost AS (
    SELECT application_id, min(occurred_at) AS ghosted_at FROM raw_events
    WHERE event_type = 'STATUS_CHANGED' AND ${oneUser ? 'user_id = $4 AND ' : ''}
      json_extract_string(payload, '$.outcome.status') = 'ghosted'
    GROUP BY 1),
  a AS (
    SELECT user_id, category, days_to_first_response,
      coalesce(interview_at < $3::TIMESTAMP, false) OR coalesce(offer_at < $3::TIMESTAMP, false) AS iv,
      coalesce(offer_at < $3::TIMESTAMP, false) AS off,
      coalesce(rejected_at < $3::TIMESTAMP, false) AS rej,
      coalesce(least(interview_at, offer_at, rejected_at) < $3::TIMESTAMP, false) AS responded,
      coalesce(least(interview_at, offer_at, rejected_at) < as_of, false) AS responded_as_of,
      coalesce(submitted_at, created_at) AS applied_at, as_of,
      coalesce(g.ghosted_at < as_of, false) AS ghosted_by_event
    FROM applications LEFT JOIN explicit_ghost g USING (application_id), now
    WHERE coalesce(submitted_at, created_at) >= $2::TIMESTAMP AND coalesce(submitted_at, created_at) < $3::TIMESTAMP
      ${oneUser ? 'AND user_id = $4' : ''})
  SELECT user_id,
    count(*)::INTEGER AS total_applications,
    count(*) FILTER (WHERE category = 'reach')::INTEGER AS reach,
    count(*) FILTER (WHERE category = 'target')::INTEGER AS target,
    count(*) FILTER (WHERE category = 'safety')::INTEGER AS safety,
    count(*) FILTER (WHERE iv)::INTEGER AS interview_requests,
    count(*) FILTER (WHERE off)::INTEGER AS offers,
    count(*) FILTER (WHERE rej)::INTEGER AS rejections,
    count(*) FILTER (WHERE NOT responded_as_of AND (
      applied_at + to_days($1::INTEGER) <= as_of OR ghosted_by_event))::INTEGER AS ghosted,
    avg(days_to_first_response) FILTER (WHERE responded) AS avg_days_to_response,
    min(days_to_first_response) FILTER (WHERE responded) AS fastest_response_days
  FROM a GROUP BY user_id ORDER BY user_id`;
}

const BY_MODE_SQL = `
  SELECT strategy_mode AS mode, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE coalesce(interview_at < $2::TIMESTAMP, false)
      OR coalesce(offer_at < $2::TIMESTAMP, false))::INTEGER AS interviews
  FROM applications
  WHERE user_id = $3 AND coalesce(submitted_at, created_at) >= $1::TIMESTAMP
    AND coalesce(submitted_at, created_at) < $2::TIMESTAMP
  GROUP BY 1 ORDER BY n DESC, mode`;

const RESUME_SQL = `
  WITH ev AS (
    SELECT occurred_at AS t, event_type,
      TRY_CAST(json_extract_string(payload, '$.before_score') AS DOUBLE) AS before_score,
      TRY_CAST(json_extract_string(payload, '$.after_score') AS DOUBLE) AS after_score,
      coalesce(TRY_CAST(json_extract_string(payload, '$.user_accepted') AS BOOLEAN), true) AS accepted,
      json_extract_string(payload, '$.suggestion_type') AS suggestion_type
    FROM raw_events
    WHERE user_id = $3 AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP
      AND event_type IN ('RESUME_REWRITTEN', 'SCORE_CHANGED', 'SUGGESTION_REJECTED')),
  obs AS (
    SELECT t, 0 AS ord, before_score AS s FROM ev WHERE event_type <> 'SUGGESTION_REJECTED'
    UNION ALL SELECT t, 1, after_score FROM ev WHERE event_type <> 'SUGGESTION_REJECTED' AND accepted
    UNION ALL SELECT created_at, 0, resume_score FROM applications
      WHERE user_id = $3 AND created_at >= $1::TIMESTAMP AND created_at < $2::TIMESTAMP)
  SELECT
    (SELECT arg_min(s, t + ord * INTERVAL 1 MICROSECOND) FROM obs WHERE s IS NOT NULL) AS score_start,
    (SELECT arg_max(s, t + ord * INTERVAL 1 MICROSECOND) FROM obs WHERE s IS NOT NULL) AS score_current,
    (SELECT count(*) FROM ev WHERE event_type = 'RESUME_REWRITTEN' AND accepted)::INTEGER AS accepted,
    (SELECT count(*) FROM ev WHERE (event_type = 'RESUME_REWRITTEN' AND NOT accepted)
      OR (event_type = 'SUGGESTION_REJECTED' AND suggestion_type = 'rewrite'))::INTEGER AS rejected`;

/** Per-user performance (`UserPerformanceRow`) of every user with applications in the period. */
export async function allPerformanceRows(
  db: SqlSource,
  period: Period,
  ghostAfterDays: number,
): Promise<UserPerformanceRow[]> {
  const rows = await db.rows(performanceSql(false), [
    ghostDays(ghostAfterDays),
    period.start,
    period.end,
  ]);
  return rows.map(performanceRowOf);
}

/** One user's performance row in the period; the empty row when they applied to nothing. */
export async function performanceRow(
  db: SqlSource,
  userId: string,
  period: Period,
  ghostAfterDays: number,
): Promise<UserPerformanceRow> {
  const [row] = await db.rows(performanceSql(true), [
    ghostDays(ghostAfterDays),
    period.start,
    period.end,
    userId,
  ]);
  return performanceRowOf(row ?? { user_id: userId });
}

/** Applications and interviews (before the period's end) of one strategy mode. */
export interface ModeCount {
  readonly mode: string;
  readonly applications: number;
  readonly interviews: number;
}

/** One user's applications in the period by strategy mode, most used first. */
export async function applicationsByMode(
  db: SqlSource,
  userId: string,
  period: Period,
): Promise<ModeCount[]> {
  const rows = await db.rows(BY_MODE_SQL, [period.start, period.end, userId]);
  return rows.map((r) => ({
    mode: str(r.mode),
    applications: num(r.n),
    interviews: num(r.interviews),
  }));
}

/** A user's resume over a period: its score at the first and last observation, rewrites. */
export interface ResumeProgress {
  readonly score_start: number | null;
  readonly score_current: number | null;
  readonly rewrites_accepted: number;
  readonly rewrites_rejected: number;
}

/**
 * Resume score at the first and last observation in the period (rewrites' before/after scores,
 * score changes, and the score each application was sent with), and rewrites accepted and
 * rejected. A rejected rewrite's after-score never became the resume; a rejected rewrite
 * suggestion is a rejected rewrite too (it never produced a RESUME_REWRITTEN).
 */
export async function resumeProgress(
  db: SqlSource,
  userId: string,
  period: Period,
): Promise<ResumeProgress> {
  const [r] = await db.rows(RESUME_SQL, [period.start, period.end, userId]);
  return {
    score_start: numOrNull(r?.score_start),
    score_current: numOrNull(r?.score_current),
    rewrites_accepted: num(r?.accepted),
    rewrites_rejected: num(r?.rejected),
  };
}
