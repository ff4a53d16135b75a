/**
 * The market around a user's week, computed once per run: job postings per role and per
 * industry (libs/analytics' daily series, one pass over JOB_POSTED), the report's week
 * against the weeks before it, and any level shift libs/temporal's change-point detection
 * (PELT, season removed) dates in that span.
 */
import {
  dailyPostings,
  dayMs,
  postingShifts,
  type DailySeries,
  type MarketShift,
} from '@hirelearn/analytics';
import { DEFAULT_TEMPORAL_SETTINGS } from '@hirelearn/temporal';
import type { WeeklyInsightsSettings } from './settings';
import { shiftWeek, type IsoWeek } from './week';
import { type SqlSource } from '@hirelearn/store';

export type MarketDimension = 'role' | 'industry';

/** One posting series around the week. */
export interface MarketSeriesWeek {
  readonly dimension: MarketDimension;
  readonly value: string;
  readonly week_postings: number;
  /** Postings in the `baseline_weeks` weeks before the week. */
  readonly baseline_postings: number;
  readonly baseline_weeks: number;
  /** The newest level shift dated in the baseline weeks or the week, if any. */
  readonly shift: MarketShift | null;
}

const DAY_MS = 86_400_000;
/** Weeks of postings read for the change-point detection (its season needs the months). */
const SHIFT_HISTORY_WEEKS = 104;

const dayOf = (sqlTime: string) => dayMs(sqlTime.slice(0, 10));

function sumDays(s: DailySeries, fromMs: number, toMs: number): number {
  const first = dayMs(s.first_day);
  let total = 0;
  for (let i = 0; i < s.counts.length; i++) {
    const t = first + i * DAY_MS;
    if (t >= fromMs && t < toMs) total += s.counts[i];
  }
  return total;
}

/** Every role's and industry's postings around the week, keyed `dimension/value`. */
export async function marketAround(
  db: SqlSource,
  week: IsoWeek,
  s: WeeklyInsightsSettings,
): Promise<ReadonlyMap<string, MarketSeriesWeek>> {
  const from = shiftWeek(week, -SHIFT_HISTORY_WEEKS);
  const series = await dailyPostings(db, ['role', 'industry'], {
    label: `${from.label}..${week.label}`,
    start: from.start,
    end: week.end,
  });
  const weekStart = dayOf(week.start);
  const weekEnd = dayOf(week.end);
  const baselineStart = dayOf(shiftWeek(week, -s.market_weeks).start);
  const out = new Map<string, MarketSeriesWeek>();
  for (const d of series) {
    const [, dimension, ...rest] = d.series.split('/');
    const value = rest.join('/');
    const shifts = postingShifts(d, DEFAULT_TEMPORAL_SETTINGS).shifts.filter((x) => {
      const t = dayMs(x.date);
      return t >= baselineStart && t < weekEnd;
    });
    out.set(`${dimension}/${value}`, {
      dimension: dimension as MarketDimension,
      value,
      week_postings: sumDays(d, weekStart, weekEnd),
      baseline_postings: sumDays(d, baselineStart, weekStart),
      baseline_weeks: s.market_weeks,
      shift: shifts.length > 0 ? shifts[shifts.length - 1] : null,
    });
  }
  return out;
}
