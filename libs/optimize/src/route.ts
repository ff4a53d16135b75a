/**
 * Where a recommendation goes (spec 9.1, 9.2, 11.2), as one pure function of what it is and
 * what it rests on. In order:
 *   1. high risk → manual_review: a person decides, whatever the confidence;
 *   2. low risk, confidence >= the layer's auto-apply bar, and evidence that validated the
 *      change itself (an experiment, a held-out evaluation) → auto_apply;
 *   3. testable and confidence >= the a/b bar (observational evidence, or medium confidence or
 *      risk) → a_b_test: an experiment decides;
 *   4. otherwise → manual_review.
 * Observational evidence (a causal effect, an RD, a timing table) never auto-applies: however
 * strong, it has not seen the change made by the engine itself, an experiment has.
 */
import type { ConsumingLayer, EvidenceKind, Risk, Route } from './recommendation';
import type { RoutingSettings } from './settings';
import { DEFAULT_OPTIMIZE_SETTINGS } from './settings';

export interface RouteInput {
  readonly layer: ConsumingLayer;
  readonly confidence: number;
  readonly risk: Risk;
  readonly evidence_kinds: readonly EvidenceKind[];
  /** The change can be randomized per user (an experiment's variant can carry it). */
  readonly testable: boolean;
}

export interface RouteDecision {
  readonly route: Route;
  readonly route_reason: string;
}

export function routeRecommendation(
  input: RouteInput,
  settings: RoutingSettings = DEFAULT_OPTIMIZE_SETTINGS.routing,
): RouteDecision {
  const { layer, confidence, risk, evidence_kinds, testable } = input;
  const bar = settings.auto_apply_min_confidence[layer];
  const validated = evidence_kinds.filter((k) => settings.validated_evidence.includes(k));
  const c = confidence.toFixed(2);
  if (risk === 'high') {
    return {
      route: 'manual_review',
      route_reason: `high risk: a person decides (confidence ${c})`,
    };
  }
  if (risk === 'low' && confidence >= bar && validated.length > 0) {
    return {
      route: 'auto_apply',
      route_reason: `low risk, confidence ${c} >= ${bar} (layer ${layer}) and validated by ${[...new Set(validated)].join(', ')}`,
    };
  }
  const why =
    validated.length === 0
      ? `the evidence (${[...new Set(evidence_kinds)].join(', ')}) is observational`
      : risk !== 'low'
        ? `${risk} risk`
        : `confidence ${c} < ${bar} (layer ${layer} auto-apply)`;
  if (testable && confidence >= settings.a_b_test_min_confidence) {
    return { route: 'a_b_test', route_reason: `${why}: an experiment decides` };
  }
  const blocker = testable
    ? `confidence ${c} < ${settings.a_b_test_min_confidence} (a/b test)`
    : 'the change cannot be randomized per user';
  return { route: 'manual_review', route_reason: `${why} and ${blocker}: a person decides` };
}
