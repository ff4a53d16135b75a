/**
 * The named queries of the weekly report. Per-user figures come for a whole batch of users at
 * once (ids in [from, to]): one scan per query and batch instead of one per user. Every value
 * from outside (ids, bounds) is a parameter; the SQL text is constant.
 */
import type { IsoWeek } from './week';
import { LATEST_PROFILE, num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** A batch of users: every known id in [from, to]. */
export interface UserBatch {
  readonly from: string;
  readonly to: string;
}

/**
 * The next `size` user ids after `after` (keyset paging over every user with an event), so
 * that a run over everyone holds one batch of ids at a time.
 */
export async function nextUserBatch(
  db: SqlSource,
  after: string | null,
  size: number,
): Promise<UserBatch | null> {
  const rows = await db.rows(
    `SELECT DISTINCT user_id FROM raw_events
     WHERE user_id IS NOT NULL AND ($1::VARCHAR IS NULL OR user_id > $1::VARCHAR)
     ORDER BY user_id LIMIT $2::INTEGER`,
    [after, size],
  );
  if (rows.length === 0) return null;
  const ids = rows.map((r) => str(r.user_id));
  return { from: ids[0], to: ids[ids.length - 1] };
}

/** Whether the store holds any event of the user. */
export async function isKnownUser(db: SqlSource, userId: string): Promise<boolean> {
  const rows = await db.rows(`SELECT 1 FROM raw_events WHERE user_id = $1 LIMIT 1`, [userId]);
  return rows.length > 0;
}

/** Whether a tombstone holds this salted hash (the user was erased). */
export async function hasTombstone(db: SqlSource, userHash: string): Promise<boolean> {
  const rows = await db.rows(`SELECT 1 FROM tombstones WHERE user_hash = $1`, [userHash]);
  return rows.length > 0;
}

/** One user's standing at the week's end: profile, opt-outs, recent applications, resume. */
export interface UserState {
  readonly user_id: string;
  readonly seniority: string | null;
  readonly target_roles: readonly string[];
  readonly industries: readonly string[];
  readonly opted_out_personalization: boolean;
  readonly opted_out_market_insights: boolean;
  /** First application ever (any time), null when none. */
  readonly first_applied_at: string | null;
  /** Applications submitted in the history window and the week, and how many reached interview by the week's end. */
  readonly recent_applications: number;
  readonly recent_interviews: number;
  /** Of those, how many were tailored. */
  readonly recent_tailored: number;
  /** Edit types the newest resume version by the week's end carries. */
  readonly resume_edit_types: readonly string[];
}

const STATE_SQL = `
  WITH b AS (SELECT DISTINCT user_id FROM raw_events WHERE user_id BETWEEN $1 AND $2),
  p AS (SELECT * FROM (${LATEST_PROFILE}) WHERE user_id BETWEEN $1 AND $2),
  opt AS (
    SELECT user_id,
      bool_or(scope IN ('personalization', 'all')) AS personalization,
      bool_or(scope IN ('market_insights', 'all')) AS market_insights
    FROM (SELECT user_id, json_extract_string(payload, '$.scope') AS scope FROM raw_events
          WHERE event_type = 'USER_OPTED_OUT' AND user_id BETWEEN $1 AND $2)
    GROUP BY 1),
  consent AS (
    SELECT user_id,
      max(opted_out_personalization_at) IS NOT NULL OR NOT bool_and(consent_personalization) AS personalization,
      max(opted_out_market_insights_at) IS NOT NULL OR NOT bool_and(consent_market_insights) AS market_insights
    FROM users WHERE user_id BETWEEN $1 AND $2 GROUP BY 1),
  apps AS (
    SELECT user_id, min(coalesce(submitted_at, created_at)) AS first_applied_at,
      count(*) FILTER (WHERE coalesce(submitted_at, created_at) >= $3::TIMESTAMP
        AND coalesce(submitted_at, created_at) < $4::TIMESTAMP)::INTEGER AS n,
      count(*) FILTER (WHERE coalesce(submitted_at, created_at) >= $3::TIMESTAMP
        AND coalesce(submitted_at, created_at) < $4::TIMESTAMP
        AND coalesce(least(interview_at, offer_at) < $4::TIMESTAMP, false))::INTEGER AS x,
      count(*) FILTER (WHERE coalesce(submitted_at, created_at) >= $3::TIMESTAMP
        AND coalesce(submitted_at, created_at) < $4::TIMESTAMP
        AND coalesce(tailoring_applied, false))::INTEGER AS tailored
    FROM applications WHERE user_id BETWEEN $1 AND $2 GROUP BY 1),
  resume AS (
    SELECT user_id, arg_max(edit_types, created_at) AS edit_types FROM resume_versions
    WHERE user_id BETWEEN $1 AND $2 AND created_at < $4::TIMESTAMP GROUP BY 1)
  SELECT b.user_id, p.seniority, p.target_roles, p.industries,
    coalesce(opt.personalization, false) OR coalesce(consent.personalization, false) AS opted_out_personalization,
    coalesce(opt.market_insights, false) OR coalesce(consent.market_insights, false) AS opted_out_market_insights,
    strftime(apps.first_applied_at, '%Y-%m-%d %H:%M:%S') AS first_applied_at,
    coalesce(apps.n, 0) AS n, coalesce(apps.x, 0) AS x, coalesce(apps.tailored, 0) AS tailored,
    resume.edit_types
  FROM b LEFT JOIN p USING (user_id) LEFT JOIN opt USING (user_id)
    LEFT JOIN consent USING (user_id) LEFT JOIN apps USING (user_id) LEFT JOIN resume USING (user_id)
  ORDER BY b.user_id`;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);

/**
 * The standing of every user in the batch; `historyStart` opens the window of "recent"
 * applications, which closes at the week's end.
 */
export async function userStates(
  db: SqlSource,
  batch: UserBatch,
  historyStart: string,
  week: IsoWeek,
): Promise<UserState[]> {
  const rows = await db.rows(STATE_SQL, [batch.from, batch.to, historyStart, week.end]);
  return rows.map((r) => ({
    user_id: str(r.user_id),
    seniority: r.seniority === null || r.seniority === undefined ? null : str(r.seniority),
    target_roles: list(r.target_roles),
    industries: list(r.industries),
    opted_out_personalization: r.opted_out_personalization === true,
    opted_out_market_insights: r.opted_out_market_insights === true,
    first_applied_at: r.first_applied_at === null ? null : str(r.first_applied_at),
    recent_applications: num(r.n),
    recent_interviews: num(r.x),
    recent_tailored: num(r.tailored),
    resume_edit_types: list(r.edit_types),
  }));
}

/** What one weekly count is of. */
export type WeeklyMeasure =
  'applications' | 'interviews' | 'offers' | 'rejections' | 'resume_edits' | 'events';

/** One user's count of one measure in one week (week 0: the first of the history window). */
export interface WeeklyCount {
  readonly user_id: string;
  readonly measure: WeeklyMeasure;
  readonly week_index: number;
  readonly n: number;
}

const WEEKLY_SQL = `
  WITH a AS (
    SELECT user_id, coalesce(submitted_at, created_at) AS applied_at,
      least(interview_at, offer_at) AS interview_at, offer_at, rejected_at
    FROM applications WHERE user_id BETWEEN $1 AND $2),
  ev AS (
    SELECT user_id, applied_at AS t, 'applications' AS measure FROM a
    UNION ALL SELECT user_id, interview_at, 'interviews' FROM a WHERE interview_at IS NOT NULL
    UNION ALL SELECT user_id, offer_at, 'offers' FROM a WHERE offer_at IS NOT NULL
    UNION ALL SELECT user_id, rejected_at, 'rejections' FROM a WHERE rejected_at IS NOT NULL
    UNION ALL SELECT user_id, occurred_at, 'resume_edits' FROM raw_events
      WHERE user_id BETWEEN $1 AND $2 AND event_type = 'RESUME_REWRITTEN'
        AND occurred_at >= $3::TIMESTAMP AND occurred_at < $4::TIMESTAMP
        AND coalesce(TRY_CAST(json_extract(payload, '$.user_accepted') AS BOOLEAN), true)
    UNION ALL SELECT user_id, occurred_at, 'events' FROM raw_events
      WHERE user_id BETWEEN $1 AND $2 AND occurred_at >= $5::TIMESTAMP AND occurred_at < $4::TIMESTAMP)
  SELECT user_id, measure,
    (date_diff('second', $3::TIMESTAMP, t) // 604800)::INTEGER AS week_index, count(*)::INTEGER AS n
  FROM ev WHERE t >= $3::TIMESTAMP AND t < $4::TIMESTAMP
  GROUP BY ALL`;

/**
 * Weekly counts of every user of the batch over [historyStart, week.end): applications
 * submitted, interviews, offers and rejections received, accepted resume rewrites, and any
 * event at all in the report's week itself (is there anything to report?).
 */
export async function weeklyCounts(
  db: SqlSource,
  batch: UserBatch,
  historyStart: string,
  week: IsoWeek,
): Promise<WeeklyCount[]> {
  const rows = await db.rows(WEEKLY_SQL, [
    batch.from,
    batch.to,
    historyStart,
    week.end,
    week.start,
  ]);
  return rows.map((r) => ({
    user_id: str(r.user_id),
    measure: str(r.measure) as WeeklyMeasure,
    week_index: num(r.week_index),
    n: num(r.n),
  }));
}

/** The dimensions of a user's own patterns; values are compared with the rest of their applications. */
export type PatternDimension =
  'tailoring' | 'weekday' | 'hour' | 'category' | 'company_size' | 'edit';

export interface PatternCount {
  readonly user_id: string;
  readonly dimension: PatternDimension;
  readonly value: string;
  /** Applications with this value, and how many reached interview by the week's end. */
  readonly n: number;
  readonly x: number;
}

const PATTERNS_SQL = `
  WITH a AS (
    SELECT a.user_id, coalesce(least(a.interview_at, a.offer_at) < $3::TIMESTAMP, false) AS iv,
      coalesce(a.tailoring_applied, false) AS tailored, a.submit_weekday, a.submit_hour,
      a.category, a.company_size, coalesce(rv.edit_types, []) AS carried
    FROM applications a LEFT JOIN resume_versions rv
      ON rv.user_id = a.user_id AND rv.resume_version_id = a.resume_version_id
    WHERE a.user_id BETWEEN $1 AND $2 AND coalesce(a.submitted_at, a.created_at) < $3::TIMESTAMP)
  SELECT user_id, dimension, value, count(*)::INTEGER AS n, count(*) FILTER (WHERE iv)::INTEGER AS x
  FROM (
    SELECT user_id, 'tailoring' AS dimension, tailored::VARCHAR AS value, iv FROM a
    UNION ALL SELECT user_id, 'weekday', submit_weekday::VARCHAR, iv FROM a
    UNION ALL SELECT user_id, 'hour', submit_hour::VARCHAR, iv FROM a
    UNION ALL SELECT user_id, 'category', category, iv FROM a
    UNION ALL SELECT user_id, 'company_size', company_size, iv FROM a
    UNION ALL SELECT user_id, 'edit', unnest(carried), iv FROM a)
  WHERE value IS NOT NULL
  GROUP BY ALL`;

/**
 * Per user of the batch and per value of each dimension, their applications submitted before
 * the week's end and the interviews among them: the cells of "what worked".
 */
export async function patternCounts(
  db: SqlSource,
  batch: UserBatch,
  week: IsoWeek,
): Promise<PatternCount[]> {
  const rows = await db.rows(PATTERNS_SQL, [batch.from, batch.to, week.end]);
  return rows.map((r) => ({
    user_id: str(r.user_id),
    dimension: str(r.dimension) as PatternDimension,
    value: str(r.value),
    n: num(r.n),
    x: num(r.x),
  }));
}

/** A segment's pooled figures over the history window and the week (opt-outs left out). */
export interface SegmentFigures {
  readonly seniority: string;
  /** Distinct users behind the pooled rate. */
  readonly user_count: number;
  readonly applications: number;
  readonly interviews: number;
  /** Users of the segment who applied in the report's week, and their applications that week. */
  readonly week_user_count: number;
  readonly week_applications: number;
}

const SEGMENT_SQL = `
  WITH p AS (SELECT user_id, seniority FROM (${LATEST_PROFILE})
    WHERE seniority IS NOT NULL AND user_id NOT IN (${OPTED_OUT_USERS})),
  a AS (
    SELECT p.seniority, a.user_id, coalesce(a.submitted_at, a.created_at) AS applied_at,
      coalesce(least(a.interview_at, a.offer_at) < $2::TIMESTAMP, false) AS iv
    FROM applications a JOIN p USING (user_id)
    WHERE coalesce(a.submitted_at, a.created_at) >= $1::TIMESTAMP
      AND coalesce(a.submitted_at, a.created_at) < $2::TIMESTAMP)
  SELECT seniority, count(DISTINCT user_id)::INTEGER AS user_count, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE iv)::INTEGER AS x,
    count(DISTINCT user_id) FILTER (WHERE applied_at >= $3::TIMESTAMP)::INTEGER AS week_user_count,
    count(*) FILTER (WHERE applied_at >= $3::TIMESTAMP)::INTEGER AS week_n
  FROM a GROUP BY 1 ORDER BY 1`;

/** Every seniority segment's figures, once per run. */
export async function segmentFigures(
  db: SqlSource,
  historyStart: string,
  week: IsoWeek,
): Promise<SegmentFigures[]> {
  const rows = await db.rows(SEGMENT_SQL, [historyStart, week.end, week.start]);
  return rows.map((r) => ({
    seniority: str(r.seniority),
    user_count: num(r.user_count),
    applications: num(r.n),
    interviews: num(r.x),
    week_user_count: num(r.week_user_count),
    week_applications: num(r.week_n),
  }));
}
