import { suppressSmallCells } from '@hirelearn/safeguards';
import type { Period } from '../period';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '../settings';
import { dailyPostingCounts, monthlyApplicationCounts } from './market-temporal-queries';
import { type SqlSource } from '@hirelearn/store';

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

const DAY_MS = 86_400_000;

/** The series name of a posting dimension's value. */
export function postingSeriesName(dimension: PostingDimension, value: string): string {
  return dimension === 'all' ? 'postings' : `postings/${dimension}/${value}`;
}

/**
 * Daily JOB_POSTED counts per value of each of `dimensions` within `period`, every series
 * spanning the same days (the first to the last posting day of the period), missing days as
 * 0 (the counts: `dailyPostingCounts`).
 */
export async function dailyPostings(
  db: SqlSource,
  dimensions: readonly PostingDimension[],
  period: Period,
): Promise<DailySeries[]> {
  if (dimensions.length === 0) return [];
  const days = await dailyPostingCounts(db, dimensions, period);
  if (days === null) return [];
  const first = Date.parse(`${days.first_day}T00:00:00Z`);
  const length = Math.round((Date.parse(`${days.last_day}T00:00:00Z`) - first) / DAY_MS) + 1;
  const series = new Map<string, number[]>();
  for (const r of days.counts) {
    const name = postingSeriesName(r.dimension, r.key);
    let counts = series.get(name);
    if (!counts) series.set(name, (counts = new Array(length).fill(0)));
    counts[Math.round((Date.parse(`${r.day}T00:00:00Z`) - first) / DAY_MS)] = r.n;
  }
  const firstDay = days.first_day;
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
  const rows = await monthlyApplicationCounts(db, period, settings.ghost_after_days);
  if (rows.length === 0) return [];
  const months = monthRange(rows[0].month, rows[rows.length - 1].month);
  const { cells } = suppressSmallCells(rows, (r) => r.user_count, settings.k);
  const kept = new Map(cells.map((r) => [r.month, r]));
  const suppressed = months.filter((m) => !kept.has(m)).length;
  const column = (name: ApplicationSeriesName): MonthlySeries => {
    const values = months.map((m) => kept.get(m)?.[name] ?? null);
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
