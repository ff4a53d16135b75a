/**
 * The named query of user segments: per segment (users sharing a profile value) and per
 * strategy mode or habit inside it, users, applications and interviews. Opted-out users are
 * left out; cells come back whole and the caller applies k-anonymity.
 */
import type { SegmentDimension } from './segments';
import {
  LATEST_PROFILE,
  num,
  numOrNull,
  OPTED_OUT_USERS,
  str,
  type SqlSource,
} from '@hirelearn/store';

/** Each dimension's (user, value) pairs over the latest profiles `p`. */
const VALUE_SQL: Record<SegmentDimension, string> = {
  seniority: 'SELECT user_id, seniority AS value FROM p',
  target_role: 'SELECT user_id, unnest(target_roles) AS value FROM p',
  experience: `SELECT user_id, CASE WHEN years_experience < 3 THEN '0-2 years'
    WHEN years_experience < 6 THEN '3-5 years' WHEN years_experience < 10 THEN '6-9 years'
    WHEN years_experience < 15 THEN '10-14 years' ELSE '15+ years' END AS value FROM p`,
  industry: 'SELECT user_id, unnest(industries) AS value FROM p',
  location: 'SELECT user_id, unnest(locations) AS value FROM p',
};

/** Habits checked as pitfalls: a name and the application condition. */
const PITFALLS: readonly (readonly [string, string])[] = [
  ['untailored applications', 'NOT coalesce(tailoring_applied, false)'],
  ['reach-category applications', "category = 'reach'"],
  ['low fit score (< 50)', 'fit_score < 50'],
];

/**
 * The query over `dimensions`: its text is built from our own constants only (the keys of
 * VALUE_SQL the caller asked for, and PITFALLS), never from the caller's strings.
 */
function segmentSql(dimensions: readonly SegmentDimension[]): string {
  const seg = (Object.keys(VALUE_SQL) as SegmentDimension[])
    .filter((d) => dimensions.includes(d))
    .map((d) => `SELECT '${d}' AS dimension, * FROM (${VALUE_SQL[d]})`)
    .join(' UNION ALL ');
  const practices = [
    `SELECT 'mode:' || strategy_mode AS practice, user_id, reached_interview FROM apps`,
    ...PITFALLS.map(
      ([name, cond]) =>
        `SELECT 'pitfall:${name}', user_id, reached_interview FROM apps WHERE ${cond}`,
    ),
  ].join(' UNION ALL ');
  return `
  WITH p AS (SELECT * FROM (${LATEST_PROFILE}) WHERE user_id NOT IN (${OPTED_OUT_USERS})),
  seg AS (SELECT DISTINCT dimension, value, user_id FROM (${seg}) WHERE value IS NOT NULL),
  apps AS (
    SELECT user_id, strategy_mode, tailoring_applied, category, fit_score, reached_interview, offer_at,
      coalesce(submitted_at, created_at) AS applied_at,
      row_number() OVER (PARTITION BY user_id ORDER BY coalesce(submitted_at, created_at), application_id) AS k
    FROM applications WHERE user_id IN (SELECT user_id FROM p)),
  per_user AS (
    SELECT user_id, count(*) AS n, count(*) FILTER (WHERE reached_interview) AS x,
      min(k) FILTER (WHERE reached_interview) AS apps_to_first_interview,
      date_diff('second', min(applied_at), min(offer_at)) / 604800.0 AS weeks_to_offer
    FROM apps GROUP BY 1),
  cells AS (
    SELECT dimension, value, count(DISTINCT seg.user_id)::INTEGER AS user_count,
      avg(u.x / u.n) AS avg_interview_rate,
      coalesce(sum(u.n), 0)::INTEGER AS n, coalesce(sum(u.x), 0)::INTEGER AS x,
      avg(u.apps_to_first_interview) AS apps_to_first_interview,
      count(u.apps_to_first_interview)::INTEGER AS apps_to_first_interview_n,
      avg(u.weeks_to_offer) AS weeks_to_offer, count(u.weeks_to_offer)::INTEGER AS weeks_to_offer_n
    FROM seg LEFT JOIN per_user u USING (user_id) GROUP BY 1, 2),
  practice AS (
    SELECT dimension, value, practice, count(DISTINCT pr.user_id)::INTEGER AS user_count,
      count(*)::INTEGER AS n, count(*) FILTER (WHERE reached_interview)::INTEGER AS x
    FROM seg JOIN (${practices}) pr USING (user_id) GROUP BY 1, 2, 3)
  SELECT c.*, (SELECT list({'practice': practice, 'user_count': user_count, 'n': n, 'x': x})
      FROM practice pr WHERE pr.dimension = c.dimension AND pr.value = c.value) AS practices,
    (SELECT count(*) FROM (${OPTED_OUT_USERS}))::INTEGER AS opted_out
  FROM cells c ORDER BY dimension, user_count DESC, value`;
}

/** A strategy mode (`mode:<name>`) or habit (`pitfall:<name>`) inside one segment. */
export interface PracticeCell {
  readonly practice: string;
  readonly user_count: number;
  readonly n: number;
  readonly x: number;
}

/** One segment: its users, their applications (x: reached an interview) and practices. */
export interface SegmentCell {
  readonly dimension: SegmentDimension;
  readonly value: string;
  readonly user_count: number;
  /** Mean over the users with an application of their own interview rate. */
  readonly avg_interview_rate: number | null;
  readonly n: number;
  readonly x: number;
  readonly apps_to_first_interview: number | null;
  readonly apps_to_first_interview_n: number;
  readonly weeks_to_offer: number | null;
  readonly weeks_to_offer_n: number;
  readonly practices: readonly PracticeCell[];
}

/** The segments of `dimensions`, and how many users were left out as opted out. */
export interface SegmentCells {
  readonly cells: readonly SegmentCell[];
  readonly opted_out_users: number;
}

/**
 * Every segment of `dimensions` (largest first within a dimension), with the strategy modes
 * and habits of its users' applications.
 */
export async function segmentCells(
  db: SqlSource,
  dimensions: readonly SegmentDimension[],
): Promise<SegmentCells> {
  const rows = await db.rows(segmentSql(dimensions));
  return {
    cells: rows.map((r) => ({
      dimension: str(r.dimension) as SegmentDimension,
      value: str(r.value),
      user_count: num(r.user_count),
      avg_interview_rate: numOrNull(r.avg_interview_rate),
      n: num(r.n),
      x: num(r.x),
      apps_to_first_interview: numOrNull(r.apps_to_first_interview),
      apps_to_first_interview_n: num(r.apps_to_first_interview_n),
      weeks_to_offer: numOrNull(r.weeks_to_offer),
      weeks_to_offer_n: num(r.weeks_to_offer_n),
      practices: ((r.practices as Record<string, unknown>[] | null) ?? []).map((p) => ({
        practice: str(p.practice),
        user_count: num(p.user_count),
        n: num(p.n),
        x: num(p.x),
      })),
    })),
    opted_out_users: num(rows[0]?.opted_out),
  };
}
