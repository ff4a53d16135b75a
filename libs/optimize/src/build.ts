/**
 * What every optimizer shares: turning a drafted change into a routed, identified, frozen
 * `OptimizationRecommendation`, the evidence ids of attribution effects, and the rule that an
 * attribution effect is actionable (its grade is good enough and its interval excludes 0).
 */
import type { CausalEffect, OutcomeAttribution } from '@hirelearn/attribution';
import type { Confidence } from '@hirelearn/causal';
import { type Evidence, type OptimizationRecommendation, recommendationId } from './recommendation';
import { routeRecommendation } from './route';
import type { RoutingSettings } from './settings';

export type RecommendationDraft = Omit<
  OptimizationRecommendation,
  'recommendation_id' | 'route' | 'route_reason'
> & { readonly testable: boolean };

/** The draft with its deterministic id and its route (route.ts). */
export function buildRecommendation(
  draft: RecommendationDraft,
  routing: RoutingSettings,
): OptimizationRecommendation {
  const { testable, ...rec } = draft;
  const decision = routeRecommendation(
    {
      layer: rec.layer,
      confidence: rec.confidence,
      risk: rec.risk,
      evidence_kinds: rec.evidence.map((e) => e.kind),
      testable,
    },
    routing,
  );
  return Object.freeze({
    recommendation_id: recommendationId(
      rec.component,
      rec.parameter,
      rec.recommended_value,
      rec.evidence.map((e) => e.id),
    ),
    ...rec,
    ...decision,
  });
}

/** The run an effect came from: the caller's stored run id, else the attribution's timestamp. */
export const attributionRunId = (a: OutcomeAttribution, runId?: string): string =>
  runId ?? `attribution@${a.generated_at}`;

/** `<run>/<treatment>/<method>`: one effect of one attribution run. */
export function effectEvidence(runId: string, e: CausalEffect): Evidence {
  const ci = e.confidence_interval;
  const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
  return {
    kind: e.method === 'rd' ? 'rd_study' : 'causal_effect',
    id: `${runId}/${e.treatment}/${e.method}`,
    summary: `${e.treatment}: ${e.ate === null ? 'no estimate' : `${pts(e.ate)} points`}${ci ? ` [${pts(ci[0])}, ${pts(ci[1])}]` : ''} (${e.headline_method}), graded ${e.causal_confidence}`,
  };
}

/** Why an effect is or is not actionable: null when it is (grade allowed, interval excludes 0). */
export function notActionable(e: CausalEffect, grades: readonly Confidence[]): string | null {
  const ci = e.confidence_interval;
  if (e.ate === null || ci === null) return `${e.treatment}: no estimate (${e.status})`;
  if (!grades.includes(e.causal_confidence)) {
    return `${e.treatment}: graded ${e.causal_confidence}, needs ${grades.join(' or ')}`;
  }
  if (ci[0] <= 0 && 0 <= ci[1]) {
    return `${e.treatment}: its interval [${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}] contains 0`;
  }
  return null;
}
