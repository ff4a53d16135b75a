/**
 * The named queries of role and industry demand: postings per role (a title without its level
 * word) or industry and month, the sharing users' applications per role or industry, and each
 * company's industries. Cells come back whole; the caller applies k-anonymity.
 */
import { ROLE_TITLE_PATTERN } from '../market-temporal/market-temporal-queries';
import type { Period } from '../period';
import { num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** What demand is split by. */
export type DemandKey = 'role' | 'industry';

/** Each key as an expression over postings' payloads and over the applications fact ($3 the title pattern). */
const KEY_SQL: Record<DemandKey, { readonly postings: string; readonly applications: string }> = {
  role: {
    postings: `regexp_replace(json_extract_string(payload, '$.title'), $3, '')`,
    applications: `regexp_replace(job_title, $3, '')`,
  },
  industry: {
    postings: `json_extract_string(payload, '$.industry')`,
    applications: `industry`,
  },
};

const POSTINGS_SQL = (key: DemandKey) => `
  SELECT ${KEY_SQL[key].postings} AS key, strftime(occurred_at, '%Y-%m') AS month, count(*)::INTEGER AS n
  FROM raw_events
  WHERE event_type = 'JOB_POSTED' AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP
  GROUP BY 1, 2 HAVING key IS NOT NULL ORDER BY key, month`;

const APPLICATIONS_SQL = (key: DemandKey) => `
  SELECT ${KEY_SQL[key].applications} AS key, count(*)::INTEGER AS n, count(DISTINCT user_id)::INTEGER AS users
  FROM applications
  WHERE coalesce(submitted_at, created_at) >= $1::TIMESTAMP AND coalesce(submitted_at, created_at) < $2::TIMESTAMP
    AND user_id NOT IN (${OPTED_OUT_USERS})
  GROUP BY 1 HAVING key IS NOT NULL`;

/** The period's bounds, and the title pattern where the key reads titles. */
const params = (key: DemandKey, period: Period) => [
  period.start,
  period.end,
  ...(key === 'role' ? [ROLE_TITLE_PATTERN] : []),
];

/** One role's (or industry's) postings in one month. */
export interface MonthlyPostings {
  readonly value: string;
  /** `YYYY-MM`. */
  readonly month: string;
  readonly postings: number;
}

/** One role's (or industry's) applications and the distinct users behind them. */
export interface KeyApplications {
  readonly value: string;
  readonly applications: number;
  readonly user_count: number;
}

/** The period's postings per value of `key` and month, by value then month. */
export async function monthlyPostingsBy(
  db: SqlSource,
  key: DemandKey,
  period: Period,
): Promise<MonthlyPostings[]> {
  const rows = await db.rows(POSTINGS_SQL(key), params(key, period));
  return rows.map((r) => ({ value: str(r.key), month: str(r.month), postings: num(r.n) }));
}

/** The period's applications per value of `key`, of users who share their data. */
export async function applicationsBy(
  db: SqlSource,
  key: DemandKey,
  period: Period,
): Promise<KeyApplications[]> {
  const rows = await db.rows(APPLICATIONS_SQL(key), params(key, period));
  return rows.map((r) => ({
    value: str(r.key),
    applications: num(r.n),
    user_count: num(r.users),
  }));
}

/** A company and one industry it posted in. */
export interface CompanyIndustry {
  readonly company: string;
  readonly industry: string;
}

/** Each company's industries, from its postings in the period. */
export async function companyIndustries(db: SqlSource, period: Period): Promise<CompanyIndustry[]> {
  const rows = await db.rows(
    `SELECT DISTINCT json_extract_string(payload, '$.company') AS company,
       json_extract_string(payload, '$.industry') AS industry
     FROM raw_events
     WHERE event_type = 'JOB_POSTED' AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP`,
    [period.start, period.end],
  );
  return rows.map((r) => ({ company: str(r.company), industry: str(r.industry) }));
}
