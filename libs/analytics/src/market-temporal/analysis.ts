import {
  changePoints,
  DEFAULT_TEMPORAL_SETTINGS,
  monthlySeasonality,
  type SeasonalProfile,
  type TemporalSettings,
} from '@hirelearn/temporal';
import { dataPeriod } from '../data-period';
import type { Period } from '../period';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '../settings';
import { dayMs, fullMonths, isoDay, seasonalAt, weeklySums } from './calendar';
import {
  dailyPostings,
  monthRange,
  monthlyApplications,
  type DailySeries,
  type MonthlySeries,
  type PostingDimension,
} from './series';
import { type SqlSource } from '@hirelearn/store';

/** What a market analysis covers and how it reports progress (long runs: stderr). */
export interface MarketTemporalOptions {
  readonly period: Period;
  readonly dimensions: readonly PostingDimension[];
  /** Add the application-side monthly series (k-anonymous). */
  readonly applications?: boolean;
  readonly analytics?: AnalyticsSettings;
  readonly temporal?: TemporalSettings;
  readonly onProgress?: (done: number, total: number, step: string) => void;
}

/** Status of one series' analysis; `too_sparse` and `suppressed` are the market's own. */
export type SeriesStatus =
  | 'ok'
  | 'too_short_for_season'
  | 'too_short_for_segment'
  | 'too_short_for_evaluation'
  | 'too_sparse'
  | 'suppressed'
  | 'constant_series'
  | 'empty_input'
  | 'non_finite_input';

/** One change point of a market series. */
export interface MarketShift {
  /** First day of the new level (start of the week the change falls in, for postings). */
  readonly date: string;
  /** Mean per day (postings) or per month (application series) before and after. */
  readonly level_before: number;
  readonly level_after: number;
  readonly relative_change: number | null;
  readonly direction: 'up' | 'down';
  /** Log-likelihood ratio of the split (>= the penalty). */
  readonly strength: number;
}

export interface SeriesShifts {
  readonly series: string;
  readonly status: SeriesStatus;
  readonly reason: string;
  readonly granularity: 'week' | 'month';
  /** Whether the yearly season was removed first (needs `min_season_cycles` years). */
  readonly seasonally_adjusted: boolean;
  readonly shifts: readonly MarketShift[];
  /** Change points PELT found whose relative change is below `min_shift_relative_change`. */
  readonly minor_shifts: number;
}

export interface SeriesSeasonality {
  readonly series: string;
  readonly status: SeriesStatus;
  readonly reason: string;
  readonly peak_month: number | null;
  readonly trough_month: number | null;
  readonly strength: number | null;
  readonly relative_amplitude: number | null;
  readonly weak: boolean | null;
  readonly months: number;
}

export interface MarketShiftsResult {
  readonly period: Period;
  readonly penalty: number;
  readonly min_segment_days: number;
  readonly series: readonly SeriesShifts[];
}

export interface MarketSeasonalityResult {
  readonly period: Period;
  readonly series: readonly SeriesSeasonality[];
}

/** A posting series must average this many postings a week before its shifts are judged. */
export const MIN_WEEKLY_POSTINGS = 20;

/** The series a market analysis reads, loaded once (shifts and seasonality can share them). */
export interface MarketSeries {
  readonly period: Period;
  readonly daily: readonly DailySeries[];
  readonly monthly: readonly MonthlySeries[];
}

/** Reads the posting series (one pass over JOB_POSTED) and, if asked, the application ones. */
export async function loadMarketSeries(
  db: SqlSource,
  o: MarketTemporalOptions,
): Promise<MarketSeries> {
  const steps = 1 + (o.applications ? 1 : 0);
  let done = 0;
  o.onProgress?.(done, steps, `reading postings by ${o.dimensions.join(', ')}`);
  const daily = await dailyPostings(db, o.dimensions, o.period);
  done++;
  let monthly: MonthlySeries[] = [];
  if (o.applications) {
    o.onProgress?.(done, steps, 'reading applications by month');
    monthly = await monthlyApplications(db, o.period, o.analytics ?? DEFAULT_ANALYTICS_SETTINGS);
    done++;
  }
  o.onProgress?.(done, steps, 'analysing');
  return Object.freeze({ period: await dataPeriod(db, o.period), daily, monthly });
}

/** A posting series' yearly profile, on the log scale where every whole month has postings. */
interface PostingProfile {
  readonly ok: boolean;
  readonly multiplicative: boolean;
  readonly by_month: readonly (number | null)[];
  readonly seasonality: SeasonalProfile;
}

/**
 * The season of a daily posting series from the per-day means of its whole months, less
 * `levels` (the level of each month, where level shifts are known). Postings vary by a
 * factor (the simulator's season multiplies demand, and so does its change point), so the
 * profile is taken on the log scale: after a halving the season is half as many postings.
 */
function postingProfile(
  m: ReturnType<typeof fullMonths>,
  levels: readonly number[] | null,
  t: TemporalSettings,
): PostingProfile {
  const multiplicative = m.per_day.length > 0 && m.per_day.every((v) => v > 0);
  const values = m.per_day.map((v, i) => {
    const level = levels?.[i];
    if (multiplicative) return Math.log(v) - (level && level > 0 ? Math.log(level) : 0);
    return v - (level ?? 0);
  });
  const p = monthlySeasonality(values, Number((m.first_month ?? '0000-01').slice(5)), {
    seasonal: t.stl_seasonal_window,
    min_cycles: t.min_season_cycles,
  });
  return { ok: p.status === 'ok', multiplicative, by_month: p.by_month, seasonality: p };
}

/** PELT on the weekly sums of the daily counts with the season (if any) taken out. */
function detect(s: DailySeries, profile: PostingProfile, t: TemporalSettings) {
  const start = dayMs(s.first_day);
  const values = s.counts.map((v, i) => {
    if (!profile.ok) return v;
    const season = seasonalAt(profile.by_month, start + i * 86_400_000);
    return profile.multiplicative ? v / Math.exp(season) : v - season;
  });
  const weeks = weeklySums(values);
  const result = changePoints(weeks, {
    penalty: t.pelt_penalty,
    min_segment: Math.ceil(t.min_segment_days / 7),
  });
  return { weeks, result };
}

/** The level (per day) of the segment each whole month's middle falls in. */
function monthLevels(
  m: ReturnType<typeof fullMonths>,
  weeks: readonly number[],
  indices: readonly number[],
): number[] {
  const bounds = [0, ...indices, weeks.length];
  const segmentOf = (week: number) => bounds.findIndex((b, k) => k > 0 && week < b) - 1;
  const means = bounds.slice(1).map((b, k) => {
    const part = weeks.slice(bounds[k], b);
    return part.reduce((x, y) => x + y, 0) / part.length / 7;
  });
  return m.starts.map((day) => {
    const week = Math.min(weeks.length - 1, Math.floor((day + 15) / 7));
    return means[Math.max(0, segmentOf(week))];
  });
}

function shiftOf(
  c: ReturnType<typeof changePoints>['change_points'][number],
  date: string,
  scale: number,
): MarketShift {
  return Object.freeze({
    date,
    level_before: c.mean_before / scale,
    level_after: c.mean_after / scale,
    relative_change: c.relative_change,
    direction: c.mean_after >= c.mean_before ? 'up' : 'down',
    strength: c.strength,
  });
}

/**
 * The season and the level shifts of a posting series, each estimated with the other taken
 * out: the season first, PELT on the adjusted weeks, then (where shifts were found) the
 * season again from the months less their segment's level, and PELT once more. A level
 * shift left in leaks into a season estimated across it (and the season into the shifts).
 */
export function analysePosting(s: DailySeries, t: TemporalSettings) {
  const m = fullMonths(s.first_day, s.counts);
  let profile = postingProfile(m, null, t);
  let { weeks, result } = detect(s, profile, t);
  if (profile.ok && result.change_points.length > 0) {
    const levels = monthLevels(
      m,
      weeks,
      result.change_points.map((c) => c.index),
    );
    profile = postingProfile(m, levels, t);
    ({ weeks, result } = detect(s, profile, t));
  }
  return { profile, weeks, result };
}

/**
 * Change points of a posting series: the yearly season removed where there are
 * `min_season_cycles` years of whole months (`analysePosting`), then PELT on weekly sums with the spec's
 * penalty and a minimum segment of `min_segment_days` (in whole weeks). Weekly sums, not
 * days, because daily counts of a few postings are too far from normal for the cost
 * (Poisson(3) days gave false alarms); series averaging under MIN_WEEKLY_POSTINGS a week
 * are `too_sparse`.
 */
export function postingShifts(s: DailySeries, t: TemporalSettings): SeriesShifts {
  const { profile, weeks, result } = analysePosting(s, t);
  const base = { series: s.series, granularity: 'week' as const, seasonally_adjusted: profile.ok };
  const mean = weeklySums(s.counts).reduce((a, b) => a + b, 0) / Math.max(1, weeks.length);
  if (weeks.length > 0 && mean < MIN_WEEKLY_POSTINGS)
    return Object.freeze({
      ...base,
      status: 'too_sparse',
      reason: `${mean.toFixed(1)} postings a week on average; shifts are judged from ${MIN_WEEKLY_POSTINGS}`,
      shifts: [],
      minor_shifts: 0,
    });
  const start = dayMs(s.first_day);
  return Object.freeze({
    ...base,
    status: result.status,
    reason: result.reason,
    ...material(
      result.change_points.map((c) => shiftOf(c, isoDay(start + c.index * 7 * 86_400_000), 7)),
      t,
    ),
  });
}

/**
 * The shifts worth reporting: at a few hundred postings a day PELT also finds the 1% ripples
 * a monthly season estimate leaves behind; a shift below `min_shift_relative_change` is
 * counted, not listed.
 */
function material(all: MarketShift[], t: TemporalSettings) {
  const shown = all.filter(
    (s) => s.relative_change === null || Math.abs(s.relative_change) >= t.min_shift_relative_change,
  );
  return { shifts: Object.freeze(shown), minor_shifts: all.length - shown.length };
}

/** Change points of a monthly application series (a suppressed month: no analysis). */
export function monthlyShifts(s: MonthlySeries, t: TemporalSettings): SeriesShifts {
  const base = { series: s.series, granularity: 'month' as const, seasonally_adjusted: false };
  if (s.values.some((v) => v === null))
    return Object.freeze({
      ...base,
      status: 'suppressed',
      reason: `${s.suppressed_months} month(s) have fewer than k users or no value`,
      shifts: [],
      minor_shifts: 0,
    });
  const values = s.values as number[];
  const r = changePoints(values, {
    penalty: t.pelt_penalty,
    min_segment: Math.max(2, Math.ceil(t.min_segment_days / 31)),
  });
  const months = monthRange(s.first_month, '9999-12').slice(0, values.length);
  return Object.freeze({
    ...base,
    status: r.status,
    reason: r.reason,
    ...material(
      r.change_points.map((c) => shiftOf(c, `${months[c.index]}-01`, 1)),
      t,
    ),
  });
}

/** `hirelearn market shifts`: change points of every posting (and application) series. */
export async function marketShifts(
  db: SqlSource,
  o: MarketTemporalOptions,
): Promise<MarketShiftsResult> {
  return shiftsOf(await loadMarketSeries(db, o), o.temporal ?? DEFAULT_TEMPORAL_SETTINGS);
}

/** The change points of series already loaded. */
export function shiftsOf(loaded: MarketSeries, t: TemporalSettings): MarketShiftsResult {
  const { daily, monthly } = loaded;
  const series = [
    ...daily.map((s) => postingShifts(s, t)),
    ...monthly.map((s) => monthlyShifts(s, t)),
  ];
  return Object.freeze({
    period: loaded.period,
    penalty: t.pelt_penalty,
    min_segment_days: t.min_segment_days,
    series: Object.freeze(series),
  });
}

function monthlySeriesSeasonality(
  series: string,
  values: readonly number[],
  firstMonth: string | null,
  t: TemporalSettings,
): SeriesSeasonality {
  const p = monthlySeasonality(values, Number((firstMonth ?? '0000-01').slice(5)), {
    seasonal: t.stl_seasonal_window,
    min_cycles: t.min_season_cycles,
  });
  return Object.freeze({
    series,
    status: p.status,
    reason: p.reason,
    peak_month: p.peak_month,
    trough_month: p.trough_month,
    strength: p.strength,
    relative_amplitude: p.relative_amplitude,
    weak: p.strength === null ? null : p.strength < t.weak_season_strength,
    months: values.length,
  });
}

/** Peak and trough months of a posting series, the season taken with its shifts out. */
export function postingSeasonality(s: DailySeries, t: TemporalSettings): SeriesSeasonality {
  const { profile } = analysePosting(s, t);
  const p = profile.seasonality;
  const at = (m: number | null) => (m === null ? null : (p.by_month[m - 1] ?? null));
  const [hi, lo] = [at(p.peak_month), at(p.trough_month)];
  return Object.freeze({
    series: s.series,
    status: p.status,
    reason: p.reason,
    peak_month: p.peak_month,
    trough_month: p.trough_month,
    strength: p.strength,
    // On the log scale the swing is a ratio: peak / trough - 1 of the season's factors.
    relative_amplitude:
      profile.multiplicative && hi !== null && lo !== null
        ? Math.exp(hi) - Math.exp(lo)
        : p.relative_amplitude,
    weak: p.strength === null ? null : p.strength < t.weak_season_strength,
    months: fullMonths(s.first_day, s.counts).per_day.length,
  });
}

/** `hirelearn market seasonality`: peak and trough months of every series, with strength. */
export async function marketSeasonality(
  db: SqlSource,
  o: MarketTemporalOptions,
): Promise<MarketSeasonalityResult> {
  return seasonalityOfSeries(
    await loadMarketSeries(db, o),
    o.temporal ?? DEFAULT_TEMPORAL_SETTINGS,
  );
}

/** Peak and trough months of series already loaded. */
export function seasonalityOfSeries(
  loaded: MarketSeries,
  t: TemporalSettings,
): MarketSeasonalityResult {
  const { daily, monthly } = loaded;
  const series = [
    ...daily.map((s) => postingSeasonality(s, t)),
    ...monthly.map((s) =>
      s.values.some((v) => v === null)
        ? Object.freeze({
            series: s.series,
            status: 'suppressed' as const,
            reason: `${s.suppressed_months} month(s) have fewer than k users or no value`,
            peak_month: null,
            trough_month: null,
            strength: null,
            relative_amplitude: null,
            weak: null,
            months: s.values.length,
          })
        : monthlySeriesSeasonality(s.series, s.values as number[], s.first_month, t),
    ),
  ];
  return Object.freeze({ period: loaded.period, series: Object.freeze(series) });
}
