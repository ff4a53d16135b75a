/**
 * What following an insight did, against what it promised. Per user delivered it: did they
 * act (acted-on.ts), and the change of their interview rate from the `baseline_days` before
 * the delivery to the `outcome_days` after acting (actors) or after the delivery (non-actors):
 * descriptive, one value per user. The realized lift is adjusted for what else people changed
 * (lift.ts), then held against the promise (calibration).
 */
import { normalQuantile } from '@hirelearn/stats';
import { actedOn, DAY_MS, type ActedOn } from './acted-on';
import {
  CALIBRATED_METRIC,
  CALIBRATED_UNIT,
  type ConfidenceGrade,
  type DeliveryKind,
  type PredictedEffect,
  type RecommendedAction,
} from './delivery';
import {
  meanFigure,
  notEnough,
  rateFigure,
  type FigureStatus,
  type MeanFigure,
  type RateFigure,
} from './figures';
import type { DeliveredInsight } from './insights';
import { adjustedLift, type LiftUser, type RealizedLift } from './lift';
import { outcomesOf, type ApplicationOutcome, type UserOutcomes } from './outcome-queries';
import type { InsightQualitySettings } from './settings';

/** Is the realized lift what was promised? */
export interface Calibration {
  readonly status: FigureStatus | 'not_calibrated';
  readonly reason: string;
  readonly predicted: number | null;
  readonly realized: number | null;
  /** realized - predicted. */
  readonly error: number | null;
  /** The realized lift lies inside the promised interval. */
  readonly within_predicted_interval: boolean | null;
  /**
   * The two agree within their joint uncertainty: |error| <= z * sqrt(se_predicted² +
   * se_realized²), the promise's standard error read from its interval. The realized lift has
   * its own sampling error; on few users it can leave a narrow promised interval by chance.
   */
  readonly consistent: boolean | null;
}

export interface InsightOutcome {
  readonly insight_key: string;
  readonly kind: DeliveryKind;
  readonly action: RecommendedAction;
  readonly confidence: ConfidenceGrade;
  readonly predicted_effect: PredictedEffect | null;
  readonly period: string | null;
  readonly delivered_users: number;
  /** Users who acted, of those who could (not `already_done`). */
  readonly acted_on: RateFigure;
  /** Change of the interview rate (after - before), per user. */
  readonly actors: MeanFigure;
  readonly non_actors: MeanFigure;
  readonly lift: RealizedLift;
  readonly calibration: Calibration;
}

interface Period {
  readonly n: number;
  readonly rate: number;
}

function rateIn(apps: readonly ApplicationOutcome[], from: number, to: number): Period {
  let n = 0;
  let hits = 0;
  for (const a of apps) {
    if (a.at_ms < from || a.at_ms >= to) continue;
    n++;
    if (a.interviewed) hits++;
  }
  return { n, rate: n > 0 ? hits / n : NaN };
}

/** The change of a user's interview rate, or null when either period has too few applications. */
function userChange(
  outcomes: UserOutcomes,
  deliveredMs: number,
  afterFromMs: number,
  s: InsightQualitySettings,
): number | null {
  const before = rateIn(outcomes.applications, deliveredMs - s.baseline_days * DAY_MS, deliveredMs);
  const after = rateIn(outcomes.applications, afterFromMs, afterFromMs + s.outcome_days * DAY_MS);
  if (before.n < s.min_applications_per_period || after.n < s.min_applications_per_period)
    return null;
  return after.rate - before.rate;
}

/** An insight measured, with who could act and who did (for the report's totals; never shown). */
export interface MeasuredInsight {
  readonly outcome: InsightOutcome;
  readonly eligible_users: readonly string[];
}

/** Measures one insight over its users. */
export function measureInsight(
  insight: DeliveredInsight,
  log: ReadonlyMap<string, UserOutcomes>,
  s: InsightQualitySettings,
): MeasuredInsight {
  const actorChanges: number[] = [];
  const otherChanges: number[] = [];
  const eligible: string[] = [];
  const liftUsers: LiftUser[] = [];
  let acted = 0;
  for (const d of insight.deliveries) {
    const outcomes = outcomesOf(log, d.user_id as string);
    const act: ActedOn = actedOn(d, outcomes, s);
    if (act.status === 'already_done' || act.status === 'not_observable') continue;
    eligible.push(d.user_id as string);
    const delivered = Date.parse(d.delivered_at);
    if (act.status === 'acted') acted++;
    liftUsers.push({
      user_id: d.user_id as string,
      delivered_ms: delivered,
      acted_ms: act.acted_at_ms,
      applications: outcomes.applications,
    });
    const change = userChange(outcomes, delivered, act.acted_at_ms ?? delivered, s);
    if (change === null) continue;
    (act.status === 'acted' ? actorChanges : otherChanges).push(change);
  }
  const lift = adjustedLift(liftUsers, insight.action, s);
  const outcome: InsightOutcome = {
    insight_key: insight.insight_key,
    kind: insight.kind,
    action: insight.action,
    confidence: insight.confidence,
    predicted_effect: insight.predicted_effect,
    period: insight.period,
    delivered_users: insight.deliveries.length,
    acted_on: rateFigure(acted, eligible.length, eligible.length, s.min_users, s.alpha),
    actors: meanFigure(actorChanges, s.min_users, s.alpha),
    non_actors: meanFigure(otherChanges, s.min_users, s.alpha),
    lift,
    calibration: calibrate(insight.predicted_effect, lift, s),
  };
  return { outcome, eligible_users: eligible };
}

function calibrate(
  p: PredictedEffect | null,
  lift: RealizedLift,
  s: InsightQualitySettings,
): Calibration {
  const none = {
    predicted: p?.estimate ?? null,
    realized: lift.estimate,
    error: null,
    within_predicted_interval: null,
    consistent: null,
  };
  if (p === null || p.metric !== CALIBRATED_METRIC || p.unit !== CALIBRATED_UNIT)
    return {
      ...none,
      status: 'not_calibrated',
      reason:
        p === null
          ? 'no effect was promised'
          : `the promise is ${p.metric} in ${p.unit}; realized lifts are ${CALIBRATED_METRIC} in ${CALIBRATED_UNIT}`,
    };
  if (lift.status !== 'ok' || lift.estimate === null || lift.std_error === null)
    return {
      ...none,
      status: 'insufficient_data',
      reason: lift.reason || notEnough(lift.users, s.min_users),
    };
  const z = normalQuantile(1 - s.alpha / 2);
  const sePredicted = (p.interval[1] - p.interval[0]) / (2 * z);
  const error = lift.estimate - p.estimate;
  return {
    status: 'ok',
    reason: '',
    predicted: p.estimate,
    realized: lift.estimate,
    error,
    within_predicted_interval: lift.estimate >= p.interval[0] && lift.estimate <= p.interval[1],
    consistent: Math.abs(error) <= z * Math.hypot(sePredicted, lift.std_error),
  };
}
