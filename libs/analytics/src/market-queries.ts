/**
 * The named queries of the market view: postings (JOB_POSTED, no user behind them) and the
 * applications of users who share their data, in a period. Cells come back whole; the caller
 * applies k-anonymity.
 */
import type { Period } from './period';
import { num, numOrNull, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

const POSTINGS = `
  SELECT json_extract_string(payload, '$.industry') AS industry,
    json_extract_string(payload, '$.location') AS location,
    json_extract_string(payload, '$.seniority') AS seniority,
    json_extract(payload, '$.skills')::VARCHAR[] AS skills,
    (TRY_CAST(json_extract(payload, '$.salary_min') AS DOUBLE)
      + TRY_CAST(json_extract(payload, '$.salary_max') AS DOUBLE)) / 2 AS salary_mid
  FROM raw_events
  WHERE event_type = 'JOB_POSTED' AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP`;

const APPS = `
  SELECT user_id, job_location, job_seniority, days_to_first_response, ghosted,
    reached_interview OR rejected AS responded, reached_interview,
    strftime(coalesce(submitted_at, created_at), '%Y-%m') AS month
  FROM applications
  WHERE coalesce(submitted_at, created_at) >= $1::TIMESTAMP
    AND coalesce(submitted_at, created_at) < $2::TIMESTAMP
    AND user_id NOT IN (${OPTED_OUT_USERS})`;

const SQL = {
  industries: `WITH j AS (${POSTINGS}) SELECT industry, count(*)::INTEGER AS postings,
    count(*) / sum(count(*)) OVER () AS share FROM j WHERE industry IS NOT NULL GROUP BY 1
    ORDER BY postings DESC, industry`,
  skills: `WITH j AS (${POSTINGS}), s AS (SELECT unnest(skills) AS skill, salary_mid FROM j)
    SELECT skill, count(*)::INTEGER AS demand, avg(salary_mid) AS avg_salary FROM s GROUP BY 1
    ORDER BY demand DESC, avg_salary DESC NULLS LAST, skill`,
  locations: `WITH j AS (${POSTINGS}), a AS (${APPS}),
    jp AS (SELECT location, count(*)::INTEGER AS postings FROM j GROUP BY 1),
    ap AS (SELECT job_location AS location, count(DISTINCT user_id)::INTEGER AS user_count,
      count(*)::INTEGER AS n, count(*) FILTER (WHERE reached_interview)::INTEGER AS x FROM a GROUP BY 1)
    SELECT location, coalesce(postings, 0)::INTEGER AS postings, coalesce(user_count, 0)::INTEGER AS user_count,
      coalesce(n, 0)::INTEGER AS n, coalesce(x, 0)::INTEGER AS x
    FROM jp FULL JOIN ap USING (location) WHERE location IS NOT NULL ORDER BY postings DESC, location`,
  months: `WITH a AS (${APPS}) SELECT month, count(DISTINCT user_id)::INTEGER AS user_count,
    count(*)::INTEGER AS n, count(*) FILTER (WHERE reached_interview)::INTEGER AS x FROM a GROUP BY 1 ORDER BY 1`,
  totals: `WITH a AS (${APPS}) SELECT count(DISTINCT user_id)::INTEGER AS user_count, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE ghosted)::INTEGER AS ghosted,
    avg(days_to_first_response) AS mean_days, median(days_to_first_response) AS median_days,
    count(days_to_first_response)::INTEGER AS days_n FROM a`,
  seniority: `WITH j AS (${POSTINGS}), a AS (${APPS}),
    jp AS (SELECT seniority, count(*)::INTEGER AS openings FROM j GROUP BY 1),
    ap AS (SELECT job_seniority AS seniority, count(DISTINCT user_id)::INTEGER AS user_count,
      count(*)::INTEGER AS n, count(*) FILTER (WHERE responded)::INTEGER AS x FROM a GROUP BY 1)
    SELECT seniority, coalesce(openings, 0)::INTEGER AS openings, coalesce(user_count, 0)::INTEGER AS user_count,
      coalesce(n, 0)::INTEGER AS n, coalesce(x, 0)::INTEGER AS x
    FROM jp FULL JOIN ap USING (seniority) WHERE seniority IS NOT NULL ORDER BY openings DESC, seniority`,
} as const;

/** Applications (n) of k-anonymity's user count, and how many had the outcome (x). */
export interface ApplicationCell {
  readonly user_count: number;
  readonly n: number;
  readonly x: number;
}

export interface IndustryActivity {
  readonly industry: string;
  readonly postings: number;
  /** Of all postings with an industry. */
  readonly share: number;
}

export interface SkillDemand {
  readonly skill: string;
  /** Postings asking for the skill. */
  readonly demand: number;
  /** Mean of the postings' salary midpoints, where given. */
  readonly avg_salary: number | null;
}

/** A location's postings, and its applications with the interviews among them. */
export interface LocationCell extends ApplicationCell {
  readonly location: string;
  readonly postings: number;
}

/** A month's applications (by submission) and the interviews among them. */
export interface MonthCell extends ApplicationCell {
  readonly month: string;
}

/** A seniority's openings, and its applications with the responses among them. */
export interface SeniorityCell extends ApplicationCell {
  readonly seniority: string;
  readonly openings: number;
}

/** All the period's applications together. */
export interface ApplicationTotals {
  readonly user_count: number;
  readonly applications: number;
  readonly ghosted: number;
  readonly mean_days_to_response: number | null;
  readonly median_days_to_response: number | null;
  /** Applications with a response time. */
  readonly days_n: number;
}

const params = (period: Period) => [period.start, period.end];
const cell = (r: Record<string, unknown>): ApplicationCell => ({
  user_count: num(r.user_count),
  n: num(r.n),
  x: num(r.x),
});

/** Postings per industry, most first. */
export async function industryPostings(db: SqlSource, period: Period): Promise<IndustryActivity[]> {
  const rows = await db.rows(SQL.industries, params(period));
  return rows.map((r) => ({
    industry: str(r.industry),
    postings: num(r.postings),
    share: num(r.share),
  }));
}

/** Postings asking for each skill and their mean salary midpoint, most demanded first. */
export async function skillPostings(db: SqlSource, period: Period): Promise<SkillDemand[]> {
  const rows = await db.rows(SQL.skills, params(period));
  return rows.map((r) => ({
    skill: str(r.skill),
    demand: num(r.demand),
    avg_salary: numOrNull(r.avg_salary),
  }));
}

/** Per location, postings and applications (x: reached an interview), most postings first. */
export async function locationCells(db: SqlSource, period: Period): Promise<LocationCell[]> {
  const rows = await db.rows(SQL.locations, params(period));
  return rows.map((r) => ({ location: str(r.location), postings: num(r.postings), ...cell(r) }));
}

/** Per month of submission, applications (x: reached an interview), oldest first. */
export async function monthCells(db: SqlSource, period: Period): Promise<MonthCell[]> {
  const rows = await db.rows(SQL.months, params(period));
  return rows.map((r) => ({ month: str(r.month), ...cell(r) }));
}

/** The period's applications together: users, ghosted (the facts' flag), response times. */
export async function applicationTotals(db: SqlSource, period: Period): Promise<ApplicationTotals> {
  const [r] = await db.rows(SQL.totals, params(period));
  return {
    user_count: num(r?.user_count),
    applications: num(r?.n),
    ghosted: num(r?.ghosted),
    mean_days_to_response: numOrNull(r?.mean_days),
    median_days_to_response: numOrNull(r?.median_days),
    days_n: num(r?.days_n),
  };
}

/** Per seniority, openings and applications (x: any response), most openings first. */
export async function seniorityCells(db: SqlSource, period: Period): Promise<SeniorityCell[]> {
  const rows = await db.rows(SQL.seniority, params(period));
  return rows.map((r) => ({ seniority: str(r.seniority), openings: num(r.openings), ...cell(r) }));
}
