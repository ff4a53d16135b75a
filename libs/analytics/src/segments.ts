import { suppressSmallCells } from '@hirelearn/safeguards';
import { rateOf, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import {
  LATEST_PROFILE,
  num,
  numOrNull,
  OPTED_OUT_USERS,
  str,
  type SqlSource,
} from '@hirelearn/store';

/** The profile fields users are segmented by. */
export const SEGMENT_DIMENSIONS = [
  'seniority',
  'target_role',
  'experience',
  'industry',
  'location',
] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** A mean with the number of users it averages. */
export interface Mean {
  readonly mean: number | null;
  readonly n: number;
}

/** A strategy mode or a habit, with its interview rate inside the segment. */
export interface SegmentPractice {
  readonly name: string;
  readonly user_count: number;
  readonly interview_rate: Rate;
  /** Rate minus the segment's pooled rate. */
  readonly lift: number | null;
}

/** The spec's `UserSegment`: users who share a profile value, and what worked for them. */
export interface UserSegment {
  readonly dimension: SegmentDimension;
  readonly value: string;
  readonly user_count: number;
  /** Mean over the segment's users (with at least one application) of their own rate. */
  readonly avg_interview_rate: number | null;
  /** All applications of the segment pooled. */
  readonly interview_rate: Rate;
  readonly applications_to_first_interview: Mean;
  readonly weeks_to_offer: Mean;
  /** Strategy modes whose rate beats the segment's, best first (each of at least k users). */
  readonly successful_strategies: readonly SegmentPractice[];
  /** Habits whose rate falls below the segment's, worst first (each of at least k users). */
  readonly common_pitfalls: readonly SegmentPractice[];
}

export interface UserSegments {
  readonly segments: readonly UserSegment[];
  readonly k: number;
  /** Segment cells and practice cells of fewer than k users, not shown. */
  readonly suppressed_cells: number;
  readonly excluded_opted_out_users: number;
}

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
 * The dimensions asked for, as our own constants: a caller's string (a CLI argument, a request)
 * is only compared with them, so nothing but a name of SEGMENT_DIMENSIONS reaches the SQL.
 */
function knownDimensions(by: readonly string[]): readonly SegmentDimension[] {
  const unknown = by.filter((d) => !(SEGMENT_DIMENSIONS as readonly string[]).includes(d));
  if (unknown.length > 0) {
    throw new RangeError(
      `by: unknown segment dimension ${unknown.map((d) => JSON.stringify(d)).join(', ')}; use some of: ${SEGMENT_DIMENSIONS.join(', ')}`,
    );
  }
  return by.length === 0 ? SEGMENT_DIMENSIONS : SEGMENT_DIMENSIONS.filter((d) => by.includes(d));
}

function segmentSql(dimensions: readonly SegmentDimension[]): string {
  const seg = dimensions
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

interface PracticeRow {
  practice: string;
  user_count: number;
  n: number;
  x: number;
}

/** `UserSegment`s by the given profile dimensions (all by default), k-anonymous. */
export async function userSegments(
  db: SqlSource,
  by: readonly SegmentDimension[] = SEGMENT_DIMENSIONS,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<UserSegments> {
  const rows = await db.rows(segmentSql(knownDimensions(by)));
  const shown = suppressSmallCells(rows, (r) => num(r.user_count), settings.k);
  let suppressed = shown.suppressed_cells;
  const segments = shown.cells.map((r): UserSegment => {
    const pooled = rateOf(num(r.x), num(r.n), settings.alpha);
    const practices = suppressSmallCells(
      ((r.practices as PracticeRow[] | null) ?? []).map((p) => {
        const rate = rateOf(num(p.x), num(p.n), settings.alpha);
        const lift = rate.rate !== null && pooled.rate !== null ? rate.rate - pooled.rate : null;
        return {
          practice: str(p.practice),
          user_count: num(p.user_count),
          interview_rate: rate,
          lift,
        };
      }),
      (p) => p.user_count,
      settings.k,
    );
    suppressed += practices.suppressed_cells;
    const pick = (prefix: string, better: boolean) =>
      Object.freeze(
        practices.cells
          .filter((p) => p.practice.startsWith(prefix) && p.interview_rate.n >= settings.min_sample)
          .filter((p) => p.lift !== null && (better ? p.lift > 0 : p.lift < 0))
          .sort((a, b) => (better ? (b.lift ?? 0) - (a.lift ?? 0) : (a.lift ?? 0) - (b.lift ?? 0)))
          .map((p) =>
            Object.freeze({
              name: p.practice.slice(prefix.length),
              user_count: p.user_count,
              interview_rate: p.interview_rate,
              lift: p.lift,
            }),
          ),
      );
    return Object.freeze({
      dimension: str(r.dimension) as SegmentDimension,
      value: str(r.value),
      user_count: num(r.user_count),
      avg_interview_rate: numOrNull(r.avg_interview_rate),
      interview_rate: pooled,
      applications_to_first_interview: Object.freeze({
        mean: numOrNull(r.apps_to_first_interview),
        n: num(r.apps_to_first_interview_n),
      }),
      weeks_to_offer: Object.freeze({
        mean: numOrNull(r.weeks_to_offer),
        n: num(r.weeks_to_offer_n),
      }),
      successful_strategies: pick('mode:', true),
      common_pitfalls: pick('pitfall:', false),
    });
  });
  return Object.freeze({
    segments: Object.freeze(segments),
    k: settings.k,
    suppressed_cells: suppressed,
    excluded_opted_out_users: num(rows[0]?.opted_out),
  });
}
