import { DEFAULT_COMPANY_VELOCITY_SETTINGS, type CompanyVelocitySettings } from './settings';
import { num, str, type SqlSource } from '@hirelearn/store';

export type Urgency = 'high' | 'medium' | 'low';

/** What one company's velocity was made of. */
export interface VelocityEvidence {
  /** Postings per month, oldest first, over the trend window. */
  readonly monthly_postings: readonly number[];
  /** Least-squares slope of the monthly postings over their mean (relative growth per month). */
  readonly relative_trend: number | null;
  /** The same for every company's postings together: what the company is measured against. */
  readonly market_relative_trend: number | null;
  /** Postings in the last `recency_days` per day over the window's postings per day. */
  readonly recent_pace: number;
  readonly last_posting: string | null;
  readonly days_since_last_posting: number | null;
  readonly funding_rounds: number;
  readonly headcount_growth: number | null;
  readonly rating: number | null;
}

/** The spec's `CompanyHiringVelocity`. */
export interface CompanyHiringVelocity {
  readonly company: string;
  /** 0..1: weighted postings trend, signals and recency. */
  readonly velocity: number;
  readonly urgency: Urgency;
  readonly components: {
    readonly postings_trend: number;
    readonly signals: number | null;
    readonly recency: number;
  };
  /** 'postings_and_signals', or 'postings_only' when the company has no COMPANY_SIGNAL. */
  readonly basis: 'postings_and_signals' | 'postings_only';
  readonly reasons: readonly string[];
  readonly evidence: VelocityEvidence;
}

export interface CompanyVelocityResult {
  readonly status: 'ok' | 'no_data';
  readonly as_of: string | null;
  readonly companies: readonly CompanyHiringVelocity[];
  readonly weights: CompanyVelocitySettings['weights'];
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

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Least-squares slope of ys over 0..n-1, divided by their mean (null when flat at 0 or < 2 points). */
export function relativeTrend(ys: readonly number[]): number | null {
  const n = ys.length;
  const mean = ys.reduce((a, b) => a + b, 0) / n;
  if (n < 2 || mean === 0) return null;
  const xMean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, x) => {
    sxy += (x - xMean) * (y - mean);
    sxx += (x - xMean) ** 2;
  });
  return sxy / sxx / mean;
}

export function urgencyOf(velocity: number, s: CompanyVelocitySettings): Urgency {
  return velocity >= s.urgency.high ? 'high' : velocity >= s.urgency.medium ? 'medium' : 'low';
}

/**
 * Hiring velocity of every company that posted in the trend window (spec 4.5.3): 0.4 x the
 * postings trend (its relative monthly trend beyond the market's, 0.5 when level with it),
 * 0.3 x its signals (funding rounds, headcount growth, rating) and 0.3 x the recency of its
 * postings (the last `recency_days`' pace against its own pace over the window: 0.5 when
 * even, 1 at twice it, 0 when silent). A company without signals gets velocity from postings alone
 * (trend and recency reweighted to sum to 1), with the reason. Postings and signals carry no
 * user: nothing here needs k-anonymity. Fastest first.
 */
export async function companyVelocity(
  db: SqlSource,
  settings: CompanyVelocitySettings = DEFAULT_COMPANY_VELOCITY_SETTINGS,
): Promise<CompanyVelocityResult> {
  const s = settings;
  const postings = await db.rows(POSTINGS_SQL, [s.trend_months, s.recency_days]);
  const signals = new Map(
    (await db.rows(SIGNALS_SQL, [s.signal_days])).map((r) => [str(r.company), r]),
  );
  const [end] = await db.rows(
    `SELECT strftime(max(occurred_at), '%Y-%m-%dT%H:%M:%SZ') AS t FROM raw_events WHERE event_type = 'JOB_POSTED'`,
  );
  const w = s.weights;
  const monthlyOf = (r: Record<string, unknown>) => {
    const monthly = new Array<number>(s.trend_months).fill(0);
    for (const ago of (r.agos as number[]) ?? []) monthly[s.trend_months - 1 - Number(ago)]++;
    return monthly;
  };
  const market = new Array<number>(s.trend_months).fill(0);
  for (const r of postings) monthlyOf(r).forEach((n, i) => (market[i] += n));
  const marketTrend = relativeTrend(market);
  const companies = postings.map((r): CompanyHiringVelocity => {
    const company = str(r.company);
    const monthly = monthlyOf(r);
    const trend = relativeTrend(monthly);
    // Against the market's own trend: a season or a market-wide upswing lifts every company.
    const excess = trend === null ? null : trend - (marketTrend ?? 0);
    const trendScore = excess === null ? 0.5 : clamp01(0.5 + excess / (2 * s.trend_saturation));
    const days = r.days_since === null ? null : num(r.days_since);
    const total = monthly.reduce((a, b) => a + b, 0);
    const pace =
      total > 0 ? num(r.recent) / s.recency_days / (total / Math.max(1, num(r.window_days))) : 0;
    const recency = clamp01(pace / 2);
    const sig = signals.get(company);
    const parts: number[] = [];
    let growth: number | null = null;
    let rating: number | null = null;
    const funding = sig ? num(sig.funding_rounds) : 0;
    if (sig) {
      if (funding > 0) parts.push(1);
      if (num(sig.headcounts) >= 2 && num(sig.headcount_first) > 0) {
        growth = num(sig.headcount_last) / num(sig.headcount_first) - 1;
        parts.push(clamp01(0.5 + growth / (2 * s.headcount_saturation)));
      }
      if (sig.rating !== null && sig.rating !== undefined) {
        rating = num(sig.rating);
        parts.push(clamp01((rating - 1) / (s.rating_max - 1)));
      }
    }
    const signalScore = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : null;
    const velocity =
      signalScore === null
        ? (w.postings_trend * trendScore + w.recency * recency) / (w.postings_trend + w.recency)
        : w.postings_trend * trendScore + w.signals * signalScore + w.recency * recency;
    const reasons: string[] = [];
    if (signalScore === null)
      reasons.push(
        `no_company_signals: no usable COMPANY_SIGNAL in the last ${s.signal_days} days; velocity from postings alone`,
      );
    if (trend === null) reasons.push('no_trend: fewer than two months of postings');
    return Object.freeze({
      company,
      velocity,
      urgency: urgencyOf(velocity, s),
      components: Object.freeze({ postings_trend: trendScore, signals: signalScore, recency }),
      basis: signalScore === null ? 'postings_only' : 'postings_and_signals',
      reasons: Object.freeze(reasons),
      evidence: Object.freeze({
        monthly_postings: Object.freeze(monthly),
        relative_trend: trend,
        market_relative_trend: marketTrend,
        recent_pace: pace,
        last_posting: r.last_posting ? str(r.last_posting) : null,
        days_since_last_posting: days,
        funding_rounds: funding,
        headcount_growth: growth,
        rating,
      }),
    });
  });
  companies.sort((a, b) => b.velocity - a.velocity || a.company.localeCompare(b.company));
  return Object.freeze({
    status: companies.length ? 'ok' : 'no_data',
    as_of: end?.t ? str(end.t) : null,
    companies: Object.freeze(companies),
    weights: s.weights,
  });
}
