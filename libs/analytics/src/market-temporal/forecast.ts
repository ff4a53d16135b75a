import {
  DEFAULT_TEMPORAL_SETTINGS,
  forecastHoltWinters,
  holtWinters,
  rollingOriginEvaluation,
  type ForecastEvaluation,
  type TemporalSettings,
} from '@hirelearn/temporal';
import type { Period } from '../period';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '../settings';
import type { SeriesStatus } from './analysis';
import { fullMonths } from './calendar';
import {
  APPLICATION_SERIES,
  dailyPostings,
  monthlyApplications,
  monthRange,
  POSTING_DIMENSIONS,
  type PostingDimension,
} from './series';
import { type SqlSource } from '@hirelearn/store';

export interface MarketForecastPoint {
  readonly month: string;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

/** `hirelearn market forecast`: a series' monthly history, its forecast and how it scores. */
export interface MarketForecast {
  readonly series: string;
  readonly status: SeriesStatus | 'unknown_series';
  readonly reason: string;
  readonly model: 'holt_winters_additive' | 'holt_linear' | null;
  /** Whether the model has a yearly season (needs two years and a month of history). */
  readonly seasonal: boolean;
  readonly history: readonly { readonly month: string; readonly value: number }[];
  readonly forecast: readonly MarketForecastPoint[];
  readonly interval_level: number;
  /** Rolling-origin MASE against the seasonal naive forecast over the same history. */
  readonly evaluation: ForecastEvaluation | null;
}

export interface MarketForecastOptions {
  readonly period: Period;
  readonly series: string;
  readonly months?: number;
  readonly analytics?: AnalyticsSettings;
  readonly temporal?: TemporalSettings;
}

/** The monthly values of a named series, or why there are none. */
async function monthlyValues(
  db: SqlSource,
  o: MarketForecastOptions,
): Promise<
  { months: string[]; values: number[] } | { status: MarketForecast['status']; reason: string }
> {
  const [head, dimension, ...rest] = o.series.split('/');
  if (head === 'postings') {
    const dim = (dimension ?? 'all') as PostingDimension;
    if (!(POSTING_DIMENSIONS as readonly string[]).includes(dim) || (dim !== 'all' && !rest.length))
      return {
        status: 'unknown_series',
        reason: `'${o.series}' is not a series: use postings or postings/<role|industry|skill>/<value>`,
      };
    const all = await dailyPostings(db, [dim], o.period);
    const s = all.find((x) => x.series === o.series);
    if (!s) return { status: 'unknown_series', reason: `no postings in series '${o.series}'` };
    const m = fullMonths(s.first_day, s.counts);
    return { months: m.months, values: m.totals };
  }
  if ((APPLICATION_SERIES as readonly string[]).includes(o.series)) {
    const all = await monthlyApplications(db, o.period, o.analytics ?? DEFAULT_ANALYTICS_SETTINGS);
    const s = all.find((x) => x.series === o.series);
    if (!s) return { status: 'empty_input', reason: 'no applications in the period' };
    if (s.values.some((v) => v === null))
      return {
        status: 'suppressed',
        reason: `${s.suppressed_months} month(s) have fewer than k users or no value`,
      };
    const months = monthRange(s.first_month, '9999-12').slice(0, s.values.length);
    return { months, values: s.values as number[] };
  }
  return {
    status: 'unknown_series',
    reason: `'${o.series}' is not a series: use postings, postings/<role|industry|skill>/<value> or ${APPLICATION_SERIES.join(', ')}`,
  };
}

const nextMonth = (m: string, k: number) => {
  const [y, mo] = m.split('-').map(Number);
  const d = new Date(Date.UTC(y, mo - 1 + k, 1));
  return d.toISOString().slice(0, 7);
};

/**
 * Forecast of a monthly series: additive Holt-Winters with a yearly season where there are
 * two years and a month of history, else Holt's linear trend (and the reason); every
 * forecast is scored by rolling-origin evaluation against the seasonal naive forecast.
 */
export async function marketForecast(
  db: SqlSource,
  o: MarketForecastOptions,
): Promise<MarketForecast> {
  const t = o.temporal ?? DEFAULT_TEMPORAL_SETTINGS;
  const months = o.months ?? t.forecast_months;
  const got = await monthlyValues(db, o);
  const empty = (status: MarketForecast['status'], reason: string): MarketForecast =>
    Object.freeze({
      series: o.series,
      status,
      reason,
      model: null,
      seasonal: false,
      history: [],
      forecast: [],
      interval_level: t.interval_level,
      evaluation: null,
    });
  if ('status' in got) return empty(got.status, got.reason);
  const { values } = got;
  const seasonal = values.length >= 2 * 12 + 1;
  const fit = holtWinters(values, { period: seasonal ? 12 : 0 });
  const fc = forecastHoltWinters(fit, months, t.interval_level);
  const history = got.months.map((month, i) => Object.freeze({ month, value: values[i] }));
  if (fc.status !== 'ok') return { ...empty(fc.status, fc.reason), history };
  const last = got.months[got.months.length - 1];
  const evaluation = rollingOriginEvaluation(values, { period: 12, horizon: months });
  return Object.freeze({
    series: o.series,
    status: 'ok',
    reason: seasonal
      ? ''
      : `${values.length} months are too few for a yearly season (25 needed): trend only`,
    model: fit.model,
    seasonal,
    history: Object.freeze(history),
    forecast: Object.freeze(
      fc.points.map((p) =>
        Object.freeze({
          month: nextMonth(last, p.step),
          mean: p.mean,
          lower: p.lower,
          upper: p.upper,
        }),
      ),
    ),
    interval_level: t.interval_level,
    evaluation,
  });
}
