/**
 * The named queries of hiring velocity: each company's postings and signals, every window
 * ending with the newest posting. Postings and signals name no user.
 */
import { num, numOrNull, str, type SqlSource } from '@hirelearn/store';

/** One company's postings over the trend window. */
export interface CompanyPostings {
  readonly company: string;
  /** Per posting in the window, how many months before the newest posting's month it fell. */
  readonly months_ago: readonly number[];
  /** Postings in the last `recency_days`. */
  readonly recent: number;
  /** The window's length in days. */
  readonly window_days: number;
  /** The company's last posting ever (ISO), and days from it to the newest posting. */
  readonly last_posting: string | null;
  readonly days_since_last_posting: number | null;
}

/** One company's COMPANY_SIGNALs over the signal window. */
export interface CompanySignals {
  readonly company: string;
  readonly funding_rounds: number;
  readonly headcount_first: number | null;
  readonly headcount_last: number | null;
  /** Headcount observations. */
  readonly headcounts: number;
  readonly rating: number | null;
}

/**
 * Postings per company over the trend window (the `trend_months` calendar months ending with
 * the newest posting's month: a signal fetched today must not move the market's window): the month of each (months ago), the count in the last
 * `recency_days`, the window's length in days and the last posting ever.
 */
const POSTINGS_SQL = `
  WITH p AS (
    SELECT json_extract_string(payload, '$.company') AS company, occurred_at FROM raw_events
    WHERE event_type = 'JOB_POSTED'),
  e AS (SELECT max(occurred_at) AS t,
      date_trunc('month', max(occurred_at)) - to_months($1::INTEGER - 1) AS start FROM p),
  last AS (SELECT company, max(occurred_at) AS at FROM p GROUP BY 1)
  SELECT p.company,
    list(date_diff('month', date_trunc('month', p.occurred_at), date_trunc('month', e.t))) AS agos,
    count(*) FILTER (WHERE p.occurred_at > e.t - to_days($2::INTEGER))::INTEGER AS recent,
    (date_diff('day', any_value(e.start), any_value(e.t)) + 1)::INTEGER AS window_days,
    strftime(any_value(last.at), '%Y-%m-%dT%H:%M:%SZ') AS last_posting,
    date_diff('day', any_value(last.at), any_value(e.t))::INTEGER AS days_since
  FROM p JOIN last USING (company), e
  WHERE p.occurred_at >= e.start AND p.company IS NOT NULL
  GROUP BY p.company`;

/** Each company's signals from `signal_days` before the newest posting on: funding rounds, first/last headcount, last rating. */
const SIGNALS_SQL = `
  WITH e AS (SELECT max(occurred_at) AS t FROM raw_events WHERE event_type = 'JOB_POSTED'),
  s AS (
    SELECT json_extract_string(payload, '$.company') AS company,
      json_extract_string(payload, '$.signal') AS signal,
      TRY_CAST(json_extract(payload, '$.value') AS DOUBLE) AS value, occurred_at
    FROM raw_events, e
    WHERE event_type = 'COMPANY_SIGNAL' AND occurred_at >= e.t - to_days($1::INTEGER))
  SELECT company,
    count(*) FILTER (WHERE signal = 'funding_round')::INTEGER AS funding_rounds,
    arg_min(value, occurred_at) FILTER (WHERE signal = 'headcount') AS headcount_first,
    arg_max(value, occurred_at) FILTER (WHERE signal = 'headcount') AS headcount_last,
    count(*) FILTER (WHERE signal = 'headcount')::INTEGER AS headcounts,
    arg_max(value, occurred_at) FILTER (WHERE signal = 'rating') AS rating
  FROM s WHERE company IS NOT NULL GROUP BY company`;

/**
 * Each company that posted in the `trendMonths` calendar months ending with the newest
 * posting's month, its postings there and in the last `recencyDays`.
 */
export async function companyPostings(
  db: SqlSource,
  trendMonths: number,
  recencyDays: number,
): Promise<CompanyPostings[]> {
  const rows = await db.rows(POSTINGS_SQL, [trendMonths, recencyDays]);
  return rows.map((r) => ({
    company: str(r.company),
    months_ago: ((r.agos as unknown[] | null) ?? []).map(Number),
    recent: num(r.recent),
    window_days: num(r.window_days),
    last_posting: r.last_posting ? str(r.last_posting) : null,
    days_since_last_posting: numOrNull(r.days_since),
  }));
}

/** Each company's signals from `signalDays` before the newest posting on. */
export async function companySignals(db: SqlSource, signalDays: number): Promise<CompanySignals[]> {
  const rows = await db.rows(SIGNALS_SQL, [signalDays]);
  return rows.map((r) => ({
    company: str(r.company),
    funding_rounds: num(r.funding_rounds),
    headcount_first: numOrNull(r.headcount_first),
    headcount_last: numOrNull(r.headcount_last),
    headcounts: num(r.headcounts),
    rating: numOrNull(r.rating),
  }));
}

/** The newest posting's time (ISO), null without postings: what velocity is as of. */
export async function newestPosting(db: SqlSource): Promise<string | null> {
  const [r] = await db.rows(
    `SELECT strftime(max(occurred_at), '%Y-%m-%dT%H:%M:%SZ') AS t FROM raw_events WHERE event_type = 'JOB_POSTED'`,
  );
  return r?.t ? str(r.t) : null;
}
