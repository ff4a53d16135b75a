import { suppressSmallCells } from '@hirelearn/safeguards';
import type { Period } from '../period';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '../settings';
import { num, numOrNull, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** How postings are split into series: all of them, or by role, industry or skill. */
export const POSTING_DIMENSIONS = ['all', 'role', 'industry', 'skill'] as const;
export type PostingDimension = (typeof POSTING_DIMENSIONS)[number];

/** The application-side monthly series (from per-user data: k-anonymous, opt-outs left out). */
export const APPLICATION_SERIES = [
  'applications',
  'interview_rate',
  'response_rate',
  'response_days',
] as const;
export type ApplicationSeriesName = (typeof APPLICATION_SERIES)[number];

/** Daily counts of one posting series from `first_day`, one entry per day (zeros kept). */
export interface DailySeries {
  /** `postings`, or `postings/<dimension>/<value>`: the name `market forecast --series` takes. */
  readonly series: string;
  readonly first_day: string;
  readonly counts: readonly number[];
}

/** A monthly series; a month below k distinct users is null (suppressed). */
export interface MonthlySeries {
  readonly series: string;
  readonly first_month: string;
  readonly values: readonly (number | null)[];
  readonly suppressed_months: number;
}

/** Level words a posting title starts with ("Senior Data Scientist"): removed to get the role. */
export const TITLE_LEVEL_WORDS: readonly string[] = Object.freeze([
  'Junior',
  'Mid',
  'Senior',
  'Staff',
  'Principal',
  'Lead',
]);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DAY_MS = 86_400_000;

/** The series name of a posting dimension's value. */
export function postingSeriesName(dimension: PostingDimension, value: string): string {
  return dimension === 'all' ? 'postings' : `postings/${dimension}/${value}`;
}

/** The key of each dimension, over rows grouped by day, title, industry and skills. */
const KEY_SQL: Record<PostingDimension, string> = {
  all: `'postings'`,
  role: `regexp_replace(title, $3, '')`,
  industry: `industry`,
  skill: `unnest(skills)`,
};

/**
 * Daily JOB_POSTED counts per value of each of `dimensions` within `period`, every series
 * spanning the same days (the first to the last posting day of the period), missing days as
 * 0. One pass over the rows: each payload is parsed once and the rows are grouped by day,
 * title, industry (and skills where asked) before any key is derived, so the role's pattern
 * runs once per group, not per posting. Bounds and the title pattern are query parameters;
 * nothing from the data enters SQL text.
 */
export async function dailyPostings(
  db: SqlSource,
  dimensions: readonly PostingDimension[],
  period: Period,
): Promise<DailySeries[]> {
  if (dimensions.length === 0) return [];
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
  const pattern = `^(${TITLE_LEVEL_WORDS.map(escapeRegex).join('|')})\\s+`;
  const role = dimensions.includes('role');
  const rows = await db.rows(sql, [period.start, period.end, ...(role ? [pattern] : [])]);
  if (rows.length === 0) return [];
  const first = Date.parse(`${str(rows[0].first_day)}T00:00:00Z`);
  const days = Math.round((Date.parse(`${str(rows[0].last_day)}T00:00:00Z`) - first) / DAY_MS) + 1;
  const series = new Map<string, number[]>();
  for (const r of rows) {
    const name = postingSeriesName(str(r.dimension) as PostingDimension, str(r.key));
    let counts = series.get(name);
    if (!counts) series.set(name, (counts = new Array(days).fill(0)));
    counts[Math.round((Date.parse(`${str(r.day)}T00:00:00Z`) - first) / DAY_MS)] = num(r.n);
  }
  const firstDay = str(rows[0].first_day);
  return dimensions.flatMap((d) =>
    [...series.entries()]
      .filter(([name]) => (d === 'all' ? name === 'postings' : name.startsWith(`postings/${d}/`)))
      .map(([name, counts]) =>
        Object.freeze({ series: name, first_day: firstDay, counts: Object.freeze(counts) }),
      ),
  );
}

/**
 * Monthly application series from the facts: applications submitted, the share that reached
 * an interview, the share with any response, and the mean days to the first response. A
 * month is left out until `ghost_after_days` have passed after its end (by the newest event
 * in the store): before that its outcomes are still arriving, and its rates would read as a
 * fall (they did, -14% and -19% in the last month of a simulated world).
 * Users who opted out of market insights are left out; a month with fewer than k distinct
 * users is suppressed (null) and counted.
 */
export async function monthlyApplications(
  db: SqlSource,
  period: Period,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<MonthlySeries[]> {
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
    [period.start, period.end, settings.ghost_after_days],
  );
  if (rows.length === 0) return [];
  const months = monthRange(str(rows[0].month), str(rows[rows.length - 1].month));
  const { cells } = suppressSmallCells(rows, (r) => num(r.user_count), settings.k);
  const kept = new Map(cells.map((r) => [str(r.month), r]));
  const suppressed = months.filter((m) => !kept.has(m)).length;
  const column = (name: ApplicationSeriesName): MonthlySeries => {
    const values = months.map((m) => {
      const r = kept.get(m);
      if (!r) return null;
      return name === 'applications' ? num(r.n) : numOrNull(r[name]);
    });
    return Object.freeze({
      series: name,
      first_month: months[0],
      values: Object.freeze(values),
      suppressed_months: suppressed,
    });
  };
  return APPLICATION_SERIES.map(column);
}

/** Every `YYYY-MM` from `first` to `last`, inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}
