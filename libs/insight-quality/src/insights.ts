/**
 * One insight delivered to many people: the deliveries that give the same advice (kind and
 * action, wording aside) with the same promise and grade. Its quality is measured over its
 * users, each counted once (their first delivery of it).
 */
import { weekOf } from '@hirelearn/safeguards';
import {
  actionKey,
  canonical,
  type ConfidenceGrade,
  type DeliveryKind,
  type InsightDelivery,
  type PredictedEffect,
  type RecommendedAction,
} from './delivery';

export interface DeliveredInsight {
  /** Stable over reruns: kind, action, promise and grade (and the period, when grouped by one). */
  readonly insight_key: string;
  readonly kind: DeliveryKind;
  readonly action: RecommendedAction;
  readonly predicted_effect: PredictedEffect | null;
  readonly confidence: ConfidenceGrade;
  /** The period the deliveries fall in, when grouped by one. */
  readonly period: string | null;
  /** Each user's first delivery of it (per-user deliveries only), in time order. */
  readonly deliveries: readonly InsightDelivery[];
}

/** A label of the promise that equal promises share (rounded: a float's last digits are noise). */
function promiseKey(p: PredictedEffect | null): string {
  if (p === null) return 'none';
  const r = (x: number) => Number(x.toPrecision(6));
  return canonical([p.metric, p.unit, r(p.estimate), r(p.interval[0]), r(p.interval[1])]);
}

/**
 * Groups per-user deliveries into insights, in order of first delivery; `periodOf` splits them
 * further by the period of delivery (e.g. month).
 */
export function groupInsights(
  deliveries: readonly InsightDelivery[],
  periodOf?: (d: InsightDelivery) => string,
): DeliveredInsight[] {
  const groups = new Map<
    string,
    { first: InsightDelivery; period: string | null; byUser: Map<string, InsightDelivery> }
  >();
  const sorted = [...deliveries].sort(
    (a, b) =>
      a.delivered_at.localeCompare(b.delivered_at) || a.delivery_id.localeCompare(b.delivery_id),
  );
  for (const d of sorted) {
    if (d.user_id === null) continue;
    const period = periodOf ? periodOf(d) : null;
    const key = canonical([
      d.kind,
      actionKey(d.action),
      promiseKey(d.predicted_effect),
      d.confidence,
      period,
    ]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { first: d, period, byUser: new Map() }));
    if (!g.byUser.has(d.user_id)) g.byUser.set(d.user_id, d);
  }
  return [...groups.entries()].map(([key, g]) => ({
    insight_key: key,
    kind: g.first.kind,
    action: g.first.action,
    predicted_effect: g.first.predicted_effect,
    confidence: g.first.confidence,
    period: g.period,
    deliveries: [...g.byUser.values()],
  }));
}

/** The period of a delivery: the Monday of its ISO week (`2026-03-02`) or its month (`2026-03`), UTC. */
export function periodOfDelivery(d: InsightDelivery, period: 'week' | 'month'): string {
  return period === 'month' ? d.delivered_at.slice(0, 7) : weekOf(d.delivered_at);
}

/** Delivered to a user, with an action that shows in the event log (acted-on.ts). */
export function isMeasurable(d: InsightDelivery): boolean {
  return d.user_id !== null && d.action.type !== 'config_change' && d.action.type !== 'other';
}

/** The action in a few words, for reports. */
export function actionLabel(a: RecommendedAction): string {
  switch (a.type) {
    case 'resume_edit':
      return `edit: ${a.edit_type}`;
    case 'timing':
      return `timing:${a.weekdays ? ` ISO weekday ${a.weekdays.join(',')}` : ''}${a.hours ? ` ${a.hours[0]}-${a.hours[1]} h UTC` : ''}`;
    case 'target':
      return `target: ${a.category}`;
    case 'config_change':
      return `layer ${a.layer}: ${a.parameter}`;
    default:
      return a.type;
  }
}
