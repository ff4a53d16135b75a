import { DEFAULT_COMPANY_VELOCITY_SETTINGS, type CompanyVelocitySettings } from './settings';
import {
  companyPostings,
  companySignals,
  newestPosting,
  type CompanyPostings,
} from './velocity-queries';
import { type SqlSource } from '@hirelearn/store';

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
  const postings = await companyPostings(db, s.trend_months, s.recency_days);
  const signals = new Map((await companySignals(db, s.signal_days)).map((r) => [r.company, r]));
  const asOf = await newestPosting(db);
  const w = s.weights;
  const monthlyOf = (r: CompanyPostings) => {
    const monthly = new Array<number>(s.trend_months).fill(0);
    for (const ago of r.months_ago) monthly[s.trend_months - 1 - ago]++;
    return monthly;
  };
  const market = new Array<number>(s.trend_months).fill(0);
  for (const r of postings) monthlyOf(r).forEach((n, i) => (market[i] += n));
  const marketTrend = relativeTrend(market);
  const companies = postings.map((r): CompanyHiringVelocity => {
    const company = r.company;
    const monthly = monthlyOf(r);
    const trend = relativeTrend(monthly);
    // Against the market's own trend: a season or a market-wide upswing lifts every company.
    const excess = trend === null ? null : trend - (marketTrend ?? 0);
    const trendScore = excess === null ? 0.5 : clamp01(0.5 + excess / (2 * s.trend_saturation));
    const days = r.days_since_last_posting;
    const total = monthly.reduce((a, b) => a + b, 0);
    const pace = total > 0 ? r.recent / s.recency_days / (total / Math.max(1, r.window_days)) : 0;
    const recency = clamp01(pace / 2);
    const sig = signals.get(company);
    const parts: number[] = [];
    let growth: number | null = null;
    let rating: number | null = null;
    const funding = sig ? sig.funding_rounds : 0;
    if (sig) {
      if (funding > 0) parts.push(1);
      const first = sig.headcount_first ?? 0;
      if (sig.headcounts >= 2 && first > 0) {
        growth = (sig.headcount_last ?? 0) / first - 1;
        parts.push(clamp01(0.5 + growth / (2 * s.headcount_saturation)));
      }
      if (sig.rating !== null) {
        rating = sig.rating;
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
        last_posting: r.last_posting,
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
    as_of: asOf,
    companies: Object.freeze(companies),
    weights: s.weights,
  });
}
