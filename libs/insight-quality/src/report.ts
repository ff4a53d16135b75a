/**
 * The insight quality report (spec 12.3): what was delivered, how often people acted, what
 * acting did against what was promised, how well the promises are calibrated across insights,
 * how precise HIGH-confidence insights have been over time, and how helpful people found the
 * suggestions. Every figure carries its n and interval, or says there is not enough data.
 * Aggregates only: no user id appears in it.
 */
import { DELIVERY_KINDS, type DeliveryKind, type InsightDelivery } from './delivery';
import { meanFigure, notEnough, rateFigure, type MeanFigure, type RateFigure } from './figures';
import { measureHelpfulness, type Helpfulness } from './helpfulness';
import { groupInsights, isMeasurable } from './insights';
import type { UserOutcomes } from './outcome-queries';
import { highConfidencePrecision, type PeriodPrecision } from './precision';
import { measureInsight, type InsightOutcome } from './realized';
import type { InsightQualitySettings } from './settings';

export interface DeliveryCounts {
  readonly total: number;
  /** Distinct users delivered something. */
  readonly users: number;
  /** Delivered to a layer for everyone (the nightly's configuration recommendations). */
  readonly system_wide: number;
  /** To a user, with an action that shows in the event log: the ones measured. */
  readonly measurable: number;
  readonly by_kind: Readonly<Record<DeliveryKind, number>>;
}

export interface CalibrationSummary {
  /** Insights with a realized lift to hold against their promise. */
  readonly insights: number;
  /** Insights whose realized lift is inside the promised interval (n: insights; users: behind them). */
  readonly within_predicted_interval: RateFigure;
  /** Insights whose realized lift agrees with the promise within their joint uncertainty. */
  readonly consistent: RateFigure;
  /** Mean of realized - promised over insights (its "users" are insights here). */
  readonly mean_error: MeanFigure;
}

export interface InsightQualityReport {
  readonly generated_at: string;
  /** Deliveries made in [since, until); outcomes read from the whole log. */
  readonly window: { readonly since: string | null; readonly until: string | null };
  readonly settings: InsightQualitySettings;
  readonly deliveries: DeliveryCounts;
  /** Users who acted, over every insight whose action shows in the log. */
  readonly acted_on: RateFigure;
  readonly insights: readonly InsightOutcome[];
  readonly calibration: CalibrationSummary;
  readonly high_confidence_precision: readonly PeriodPrecision[];
  readonly helpfulness: Helpfulness;
}

export interface ReportInput {
  readonly deliveries: readonly InsightDelivery[];
  readonly outcomes: ReadonlyMap<string, UserOutcomes>;
  readonly window: InsightQualityReport['window'];
  readonly now: Date;
  readonly settings: InsightQualitySettings;
}

export function buildQualityReport(input: ReportInput): InsightQualityReport {
  const { deliveries, outcomes, settings: s } = input;
  const measured = groupInsights(deliveries.filter(isMeasurable)).map((i) =>
    measureInsight(i, outcomes, s),
  );
  const insights = measured.map((m) => m.outcome);
  let acted = 0;
  let eligible = 0;
  const eligibleUsers = new Set<string>();
  for (const m of measured) {
    acted += m.outcome.acted_on.count;
    eligible += m.outcome.acted_on.n;
    m.eligible_users.forEach((u) => eligibleUsers.add(u));
  }
  return {
    generated_at: input.now.toISOString(),
    window: input.window,
    settings: s,
    deliveries: countDeliveries(deliveries),
    acted_on: rateFigure(acted, eligible, eligibleUsers.size, s.min_users, s.alpha),
    insights,
    calibration: summarizeCalibration(insights, s),
    high_confidence_precision: highConfidencePrecision(deliveries, outcomes, s),
    helpfulness: measureHelpfulness(deliveries, outcomes, s),
  };
}

function countDeliveries(deliveries: readonly InsightDelivery[]): DeliveryCounts {
  const byKind = Object.fromEntries(DELIVERY_KINDS.map((k) => [k, 0])) as Record<
    DeliveryKind,
    number
  >;
  const users = new Set<string>();
  let systemWide = 0;
  let measurable = 0;
  for (const d of deliveries) {
    byKind[d.kind]++;
    if (isMeasurable(d)) measurable++;
    if (d.user_id === null) systemWide++;
    else users.add(d.user_id);
  }
  return {
    total: deliveries.length,
    users: users.size,
    system_wide: systemWide,
    measurable,
    by_kind: byKind,
  };
}

function summarizeCalibration(
  insights: readonly InsightOutcome[],
  s: InsightQualitySettings,
): CalibrationSummary {
  const calibrated = insights.filter((i) => i.calibration.status === 'ok');
  const users = calibrated.reduce((sum, i) => sum + i.lift.users, 0);
  const count = (f: (i: InsightOutcome) => boolean) =>
    rateFigure(calibrated.filter(f).length, calibrated.length, users, s.min_users, s.alpha);
  const errors = calibrated.map((i) => i.calibration.error as number);
  const meanError =
    errors.length >= s.min_insights
      ? meanFigure(errors, 2, s.alpha)
      : {
          ...meanFigure([], 2, s.alpha),
          users: errors.length,
          reason: notEnough(errors.length, s.min_insights, 'calibrated insights'),
        };
  return {
    insights: calibrated.length,
    within_predicted_interval: count((i) => i.calibration.within_predicted_interval === true),
    consistent: count((i) => i.calibration.consistent === true),
    mean_error: meanError,
  };
}
