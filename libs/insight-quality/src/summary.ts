/**
 * The report in a few lines of JSON, for the nightly's run record: each figure with its n and
 * interval, or why it is withheld.
 */
import type { MeanFigure, RateFigure } from './figures';
import type { InsightQualityReport } from './report';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const round = (x: number) => Number(x.toPrecision(4));

function rate(f: RateFigure): Json {
  if (f.status !== 'ok' || f.rate === null || f.interval === null)
    return { status: f.status, reason: f.reason };
  return { rate: round(f.rate), interval: f.interval.map(round), n: f.n, users: f.users };
}

function meanOf(f: MeanFigure): Json {
  if (f.status !== 'ok' || f.estimate === null || f.interval === null)
    return { status: f.status, reason: f.reason };
  return { estimate: round(f.estimate), interval: f.interval.map(round), n: f.users };
}

export function qualitySummary(r: InsightQualityReport): { readonly [key: string]: Json } {
  const latest = r.high_confidence_precision.at(-1);
  return {
    deliveries: r.deliveries.total,
    users: r.deliveries.users,
    system_wide: r.deliveries.system_wide,
    acted_on: rate(r.acted_on),
    insights: r.insights.length,
    insights_with_realized_lift: r.insights.filter((i) => i.lift.status === 'ok').length,
    calibration: {
      insights: r.calibration.insights,
      within_predicted_interval: rate(r.calibration.within_predicted_interval),
      consistent: rate(r.calibration.consistent),
      mean_error: meanOf(r.calibration.mean_error),
    },
    high_confidence_precision: latest
      ? { period: latest.period, ...(rate(latest) as object) }
      : null,
    helpfulness: rate(r.helpfulness),
  };
}
