/**
 * The named queries of the market over time: daily posting counts per dimension value, and
 * monthly application figures of the users who share their data.
 */
import type { Period } from '../period';
import type { PostingDimension } from './series';
import { escapeRegex } from '@hirelearn/contract';
import { num, numOrNull, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** Level words a posting title starts with ("Senior Data Scientist"): removed to get the role. */
const TITLE_LEVEL_WORDS: readonly string[] = Object.freeze([
  'Junior',
  'Mid',
  'Senior',
  'Staff',
  'Principal',
  'Lead',
]);

/** A title's level word and the space after it: removed from a posting title to get its role. */
export const ROLE_TITLE_PATTERN = `^(${TITLE_LEVEL_WORDS.map(escapeRegex).join('|')})\\s+`;

/** The key of each dimension, over rows grouped by day, title, industry and skills. */
const KEY_SQL: Record<PostingDimension, string> = {
  all: `'postings'`,
  role: `regexp_replace(title, $3, '')`,
  industry: `industry`,
  skill: `unnest(skills)`,
};

/** One posting series value's count on one day. */
export interface PostingDayCount {
  readonly dimension: PostingDimension;
  /** The dimension's value (`postings` for `all`). */
  readonly key: string;
  /** `YYYY-MM-DD`. */
  readonly day: string;
  readonly n: number;
}

/** The counts, and the first and last posting day of the period (every series spans them). */
export interface PostingDays {
  readonly first_day: string;
  readonly last_day: string;
  readonly counts: readonly PostingDayCount[];
}

/**
 * Daily JOB_POSTED counts per value of each of `dimensions` within `period` (days without a
 * posting absent); null when the period has none. One pass over the rows: each payload is
 * parsed once and the rows are grouped by day, title, industry (and skills where asked)
 * before any key is derived, so the role's pattern runs once per group, not per posting.
 * Bounds and the title pattern are query parameters; the SQL text is built from our own
 * dimension names only (anything else is refused).
 */
export async function dailyPostingCounts(
  db: SqlSource,
  dimensions: readonly PostingDimension[],
  period: Period,
): Promise<PostingDays | null> {
  const unknown = dimensions.filter((d) => !Object.hasOwn(KEY_SQL, d));
  if (unknown.length > 0) {
    throw new RangeError(
      `dimensions: unknown posting dimension ${unknown.map((d) => JSON.stringify(d)).join(', ')}; use some of: ${Object.keys(KEY_SQL).join(', ')}`,
    );
  }
  const skills = dimensions.includes('skill');
  const fields = skills ? `['$.title', '$.industry', '$.skills']` : `['$.title', '$.industry']`;
  const sql = `
    WITH g AS MATERIALIZED (
      SELECT day, f[1] AS title, f[2] AS industry,
        ${skills ? `CAST(f[3] AS VARCHAR[])` : `NULL::VARCHAR[]`} AS skills, count(*)::BIGINT AS n
      FROM (SELECT occurred_at::DATE AS day, json_extract_string(payload, ${fields}) AS f
            FROM raw_events
            WHERE event_type = 'JOB_POSTED' AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP)
      GROUP BY ALL),
    k AS (${dimensions
      .map((d) => `SELECT '${d}' AS dimension, ${KEY_SQL[d]} AS key, day, n FROM g`)
      .join(' UNION ALL ')})
    SELECT dimension, key, strftime(day, '%Y-%m-%d') AS day, sum(n)::INTEGER AS n,
      strftime(min(day) OVER (), '%Y-%m-%d') AS first_day, strftime(max(day) OVER (), '%Y-%m-%d') AS last_day
    FROM k WHERE key IS NOT NULL AND key <> '' GROUP BY dimension, key, day ORDER BY dimension, key, day`;
  const role = dimensions.includes('role');
  const rows = await db.rows(sql, [
    period.start,
    period.end,
    ...(role ? [ROLE_TITLE_PATTERN] : []),
  ]);
  if (rows.length === 0) return null;
  return {
    first_day: str(rows[0].first_day),
    last_day: str(rows[0].last_day),
    counts: rows.map((r) => ({
      dimension: str(r.dimension) as PostingDimension,
      key: str(r.key),
      day: str(r.day),
      n: num(r.n),
    })),
  };
}

/** One month's applications (by submission) of the users who share their data. */
export interface MonthApplications {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly user_count: number;
  readonly applications: number;
  /** Shares of the applications that reached an interview, that had any response. */
  readonly interview_rate: number | null;
  readonly response_rate: number | null;
  /** Mean days to the first response. */
  readonly response_days: number | null;
}

/**
 * Per month of `period`, oldest first, the sharing users' applications: counts, interview and
 * response shares, mean days to the first response. A month is left out until
 * `ghostAfterDays` have passed after its end (by the newest event in the store).
 */
export async function monthlyApplicationCounts(
  db: SqlSource,
  period: Period,
  ghostAfterDays: number,
): Promise<MonthApplications[]> {
  const rows = await db.rows(
    `SELECT strftime(coalesce(submitted_at, created_at), '%Y-%m') AS month,
       count(DISTINCT user_id)::INTEGER AS user_count, count(*)::INTEGER AS n,
       avg(reached_interview::INTEGER) AS interview_rate,
       avg((reached_interview OR rejected)::INTEGER) AS response_rate,
       avg(days_to_first_response) AS response_days
     FROM applications
     WHERE coalesce(submitted_at, created_at) >= $1::TIMESTAMP
       AND coalesce(submitted_at, created_at) < $2::TIMESTAMP
       AND user_id NOT IN (${OPTED_OUT_USERS})
       AND date_trunc('month', coalesce(submitted_at, created_at)) + INTERVAL 1 MONTH
         + to_days($3::INTEGER) <= (SELECT max(occurred_at) FROM raw_events)
     GROUP BY 1 ORDER BY 1`,
    [period.start, period.end, ghostAfterDays],
  );
  return rows.map((r) => ({
    month: str(r.month),
    user_count: num(r.user_count),
    applications: num(r.n),
    interview_rate: numOrNull(r.interview_rate),
    response_rate: numOrNull(r.response_rate),
    response_days: numOrNull(r.response_days),
  }));
}
