/**
 * Precision of HIGH-confidence insights over time: per period of delivery, the share of the
 * HIGH insights measured (a realized lift on enough users) whose realized lift went the way
 * they promised. A period with fewer than `min_insights` measured says "not enough data".
 */
import type { InsightDelivery } from './delivery';
import { notEnough, rateFigure, type RateFigure } from './figures';
import { groupInsights, isMeasurable, periodOfDelivery } from './insights';
import type { UserOutcomes } from './outcome-queries';
import { measureInsight } from './realized';
import type { InsightQualitySettings } from './settings';

export interface PeriodPrecision extends RateFigure {
  readonly period: string;
  /** HIGH insights delivered in the period, measured or not. */
  readonly insights: number;
  /** Of them, those with a realized lift (enough users). */
  readonly measured: number;
}

export function highConfidencePrecision(
  deliveries: readonly InsightDelivery[],
  log: ReadonlyMap<string, UserOutcomes>,
  s: InsightQualitySettings,
): readonly PeriodPrecision[] {
  const high = deliveries.filter(
    (d) => d.confidence === 'HIGH' && d.predicted_effect !== null && isMeasurable(d),
  );
  const insights = groupInsights(high, (d) => periodOfDelivery(d, s.precision_period));
  const periods = [...new Set(insights.map((i) => i.period as string))].sort();
  return periods.map((period) => {
    const of = insights.filter((i) => i.period === period);
    let measured = 0;
    let held = 0;
    let users = 0;
    for (const insight of of) {
      const { outcome } = measureInsight(insight, log, s);
      if (outcome.lift.status !== 'ok' || outcome.lift.estimate === null) continue;
      measured++;
      users += outcome.lift.users;
      const promised = Math.sign(outcome.predicted_effect?.estimate ?? 0);
      if (Math.sign(outcome.lift.estimate) === promised) held++;
    }
    const figure = rateFigure(held, measured, users, s.min_users, s.alpha);
    return {
      period,
      insights: of.length,
      measured,
      ...(measured < s.min_insights
        ? {
            ...figure,
            status: 'insufficient_data' as const,
            reason: notEnough(measured, s.min_insights, 'measured insights'),
            rate: null,
            interval: null,
          }
        : figure),
    };
  });
}
