/**
 * The named queries of one user's patterns: their applications by each dimension, their
 * segment's pooled rate, their answers to suggestions and the edits they made.
 */
import { LATEST_PROFILE, num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** What a user's applications are split by (`hour_band`: night, morning, afternoon, evening). */
export type ApplicationDimension =
  | 'role'
  | 'location'
  | 'company_size'
  | 'company_stage'
  | 'seniority'
  | 'weekday'
  | 'hour_band'
  | 'resume_version'
  | 'section';

/** One value of one dimension: the user's applications with it, and interviews among them. */
export interface DimensionCell {
  readonly dimension: ApplicationDimension;
  readonly value: string;
  readonly n: number;
  readonly x: number;
}

/** The user's seniority (latest profile) and their segment's applications pooled. */
export interface SegmentApplications {
  readonly seniority: string | null;
  readonly n: number;
  readonly x: number;
}

/** The user's answers to the suggestions of one edit type. */
export interface SuggestionAnswers {
  readonly edit_type: string;
  /** Accepted or edited. */
  readonly accepted: number;
  readonly edited: number;
  readonly rejected: number;
  readonly n: number;
  /** The rejections' reasons, null where none was given. */
  readonly rejection_reasons: readonly (string | null)[];
}

/** An edit type the user made, and their applications sent with and without it. */
export interface EditOutcomes {
  readonly edit_type: string;
  readonly times: number;
  readonly n_with: number;
  readonly x_with: number;
  readonly n_without: number;
  readonly x_without: number;
}

const DIMENSIONS_SQL = `
  WITH a AS (SELECT * FROM applications WHERE user_id = $1)
  SELECT dimension, value, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE reached_interview)::INTEGER AS x
  FROM (
    SELECT 'role' AS dimension, job_title AS value, reached_interview FROM a
    UNION ALL SELECT 'location', job_location, reached_interview FROM a
    UNION ALL SELECT 'company_size', company_size, reached_interview FROM a
    UNION ALL SELECT 'company_stage', company_stage, reached_interview FROM a
    UNION ALL SELECT 'seniority', job_seniority, reached_interview FROM a
    UNION ALL SELECT 'weekday', submit_weekday::VARCHAR, reached_interview FROM a
    UNION ALL SELECT 'hour_band', CASE WHEN submit_hour < 6 THEN 'night (0-6)'
      WHEN submit_hour < 12 THEN 'morning (6-12)' WHEN submit_hour < 18 THEN 'afternoon (12-18)'
      ELSE 'evening (18-24)' END, reached_interview FROM a
    UNION ALL SELECT 'resume_version', resume_version_id, reached_interview FROM a
    UNION ALL SELECT 'section', coalesce(rw.rewrite_type, 'original'), reached_interview
      FROM a LEFT JOIN (
        SELECT json_extract_string(payload, '$.resume_version_id') AS resume_version_id,
          arg_max(json_extract_string(payload, '$.rewrite_type'), occurred_at) AS rewrite_type
        FROM raw_events WHERE user_id = $1 AND event_type = 'RESUME_REWRITTEN'
          AND coalesce(TRY_CAST(json_extract(payload, '$.user_accepted') AS BOOLEAN), true)
        GROUP BY 1) rw USING (resume_version_id))
  WHERE value IS NOT NULL
  GROUP BY ALL`;

/** The segment's pooled rate over users who share their data (the user included). */
const SEGMENT_SQL = `
  WITH me AS (SELECT seniority FROM (${LATEST_PROFILE}) WHERE user_id = $1),
  peers AS (SELECT user_id FROM (${LATEST_PROFILE}) p, me
    WHERE p.seniority IS NOT DISTINCT FROM me.seniority
      AND (user_id = $1 OR user_id NOT IN (${OPTED_OUT_USERS})))
  SELECT (SELECT seniority FROM me) AS seniority, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE reached_interview)::INTEGER AS x
  FROM applications WHERE user_id IN (SELECT user_id FROM peers)`;

const SUGGESTIONS_SQL = `
  SELECT coalesce(json_extract_string(payload, '$.edit_type'),
      json_extract_string(payload, '$.suggested_content.edit_type'),
      json_extract_string(payload, '$.suggestion_type')) AS edit_type,
    count(*) FILTER (WHERE event_type <> 'SUGGESTION_REJECTED')::INTEGER AS accepted,
    count(*) FILTER (WHERE event_type = 'SUGGESTION_EDITED')::INTEGER AS edited,
    count(*) FILTER (WHERE event_type = 'SUGGESTION_REJECTED')::INTEGER AS rejected,
    count(*)::INTEGER AS n,
    list(json_extract_string(payload, '$.rejection_reason'))
      FILTER (WHERE event_type = 'SUGGESTION_REJECTED') AS reasons
  FROM raw_events
  WHERE user_id = $1 AND event_type IN ('SUGGESTION_ACCEPTED', 'SUGGESTION_EDITED', 'SUGGESTION_REJECTED')
  GROUP BY 1 ORDER BY n DESC, edit_type`;

/** Each edit type the user made, and their applications with and without it. */
const EDITS_SQL = `
  WITH t AS (
    SELECT edit_type, count(*)::INTEGER AS times
    FROM (SELECT unnest(edit_types_added) AS edit_type FROM resume_versions WHERE user_id = $1)
    GROUP BY 1),
  a AS (
    SELECT a.reached_interview, coalesce(rv.edit_types, []) AS carried
    FROM applications a LEFT JOIN resume_versions rv
      ON rv.user_id = a.user_id AND rv.resume_version_id = a.resume_version_id
    WHERE a.user_id = $1)
  SELECT t.edit_type, t.times,
    count(a.reached_interview) FILTER (WHERE list_contains(a.carried, t.edit_type))::INTEGER AS n_with,
    count(*) FILTER (WHERE list_contains(a.carried, t.edit_type) AND a.reached_interview)::INTEGER AS x_with,
    count(a.reached_interview) FILTER (WHERE NOT list_contains(a.carried, t.edit_type))::INTEGER AS n_without,
    count(*) FILTER (WHERE NOT list_contains(a.carried, t.edit_type) AND a.reached_interview)::INTEGER AS x_without
  FROM t LEFT JOIN a ON true
  GROUP BY t.edit_type, t.times ORDER BY t.times DESC, t.edit_type`;

/** The user's applications by every dimension's value (x: reached an interview). */
export async function applicationsByDimension(
  db: SqlSource,
  userId: string,
): Promise<DimensionCell[]> {
  const rows = await db.rows(DIMENSIONS_SQL, [userId]);
  return rows.map((r) => ({
    dimension: str(r.dimension) as ApplicationDimension,
    value: str(r.value),
    n: num(r.n),
    x: num(r.x),
  }));
}

/** The user's seniority and their segment's applications, the user's own included. */
export async function segmentApplications(
  db: SqlSource,
  userId: string,
): Promise<SegmentApplications> {
  const [r] = await db.rows(SEGMENT_SQL, [userId]);
  return {
    seniority: r?.seniority ? str(r.seniority) : null,
    n: num(r?.n),
    x: num(r?.x),
  };
}

/** The user's answers to suggestions per edit type, most answered first. */
export async function suggestionAnswers(
  db: SqlSource,
  userId: string,
): Promise<SuggestionAnswers[]> {
  const rows = await db.rows(SUGGESTIONS_SQL, [userId]);
  return rows.map((r) => ({
    edit_type: str(r.edit_type),
    accepted: num(r.accepted),
    edited: num(r.edited),
    rejected: num(r.rejected),
    n: num(r.n),
    rejection_reasons: ((r.reasons as (string | null)[] | null) ?? []).map((x) =>
      x === null ? null : str(x),
    ),
  }));
}

/** Each edit type the user made (most often first), with their applications with and without it. */
export async function editOutcomes(db: SqlSource, userId: string): Promise<EditOutcomes[]> {
  const rows = await db.rows(EDITS_SQL, [userId]);
  return rows.map((r) => ({
    edit_type: str(r.edit_type),
    times: num(r.times),
    n_with: num(r.n_with),
    x_with: num(r.x_with),
    n_without: num(r.n_without),
    x_without: num(r.x_without),
  }));
}
