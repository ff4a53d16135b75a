/**
 * What the delivery log (libs/insight-quality) keeps of a weekly report: one delivery per
 * insight, so that its quality can be measured as outcomes arrive. A causal action carries
 * its promise (the effect on the interview rate with its interval); the focus item that
 * repeats it is the same advice and is logged once. Descriptive insights (activity, patterns,
 * market) promise nothing: they are logged as `other` with no predicted effect, their figures
 * in the evidence.
 */
import { DEFAULT_ATTRIBUTION_SETTINGS, WEEKDAYS } from '@hirelearn/attribution';
import {
  CALIBRATED_METRIC,
  CALIBRATED_UNIT,
  type DeliveryInput,
  type RecommendedAction,
} from '@hirelearn/insight-quality';
import { actionFamily } from './actions';
import { evidenceText } from './render-text';
import type { Insight, WeeklyInsights } from './types';

/** The act in the event log that a treatment asks for. */
export function recommendedAction(treatment: string, description: string): RecommendedAction {
  const family = actionFamily(treatment);
  if (family === 'tailoring') return { type: 'tailoring', description };
  if (family === 'timing') {
    const day = WEEKDAYS.findIndex((d) => treatment === `applied_on_${d}`);
    if (day >= 0) return { type: 'timing', weekdays: [day + 1], description };
    const band = DEFAULT_ATTRIBUTION_SETTINGS.hour_bands.find(
      (b) => treatment === `applied_in_${b.name}`,
    );
    if (band) return { type: 'timing', hours: [band.from, band.to], description };
    return { type: 'other', description };
  }
  if (family === 'edit') return { type: 'resume_edit', edit_type: treatment, description };
  return { type: 'other', description };
}

function delivery(
  r: WeeklyInsights,
  i: Insight,
  deliveredAt: string,
  alpha: number,
): DeliveryInput {
  const insightEvidence = {
    kind: 'weekly_insight',
    id: i.insight_id,
    summary: `${i.title}: ${evidenceText(i, alpha)}`,
  };
  if (i.action !== null) {
    return {
      user_id: r.user_id,
      delivered_at: deliveredAt,
      kind: 'weekly_insight',
      source_id: `weekly/${r.week.label}`,
      action: recommendedAction(i.action, i.title),
      predicted_effect: {
        metric: CALIBRATED_METRIC,
        estimate: i.evidence.effect,
        interval: [i.evidence.interval[0], i.evidence.interval[1]],
        unit: CALIBRATED_UNIT,
        method: i.evidence.method,
        sample_size: i.evidence.sample_size,
      },
      confidence: i.confidence,
      evidence: [insightEvidence, { kind: 'causal_effect', id: i.source, summary: i.detail }],
    };
  }
  return {
    user_id: r.user_id,
    delivered_at: deliveredAt,
    kind: 'weekly_insight',
    // One delivery per descriptive insight: its id makes the source.
    source_id: `weekly/${r.week.label}/${i.insight_id}`,
    action: { type: 'other', description: i.title },
    predicted_effect: null,
    confidence: i.confidence,
    evidence: [insightEvidence],
  };
}

/** The deliveries of a report (none for a week without activity). */
export function weeklyDeliveries(
  r: WeeklyInsights,
  deliveredAt: string,
  alpha: number,
): DeliveryInput[] {
  const out: DeliveryInput[] = [];
  const actions = new Set<string>();
  for (const s of r.sections) {
    for (const i of s.insights) {
      if (i.action !== null) {
        if (actions.has(i.action)) continue;
        actions.add(i.action);
      }
      out.push(delivery(r, i, deliveredAt, alpha));
    }
  }
  return out;
}
