import type { Evidence, EvidenceKind, JsonValue } from '@hirelearn/optimize';
import * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/rpc';
import type { ConfigVersion } from '../documents';
import { configLayer, parseLayerConfig, type ConfigLayer } from '../layers';
import {
  RECOMMENDATION_STATUSES,
  type Decision,
  type ErasedEvidence,
  type RecommendationDecision,
  type RecommendationStatus,
  type StoredRecommendation,
} from '../recommendations';

/** Conversions between the channel's types and `hirelearn.v1.Config` messages. */

/** A request's layer, or INVALID_ARGUMENT naming the layers there are. */
export function layerFromPb(layer: number): ConfigLayer {
  try {
    return configLayer(layer);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** JSON text from the wire, or INVALID_ARGUMENT naming the field. */
export function jsonFromPb(field: string, text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new InvalidArgumentError(`${field}: not JSON (${(error as Error).message})`);
  }
}

export function configVersionToPb(v: ConfigVersion): pb.ConfigVersion {
  return {
    layer: v.layer,
    version: v.version,
    config_json: JSON.stringify(v.config),
    published_by: v.published_by,
    published_at: v.published_at ?? '',
    reason: v.reason,
    recommendation_id: v.recommendation_id ?? '',
    rollback_of: v.rollback_of ?? undefined,
  };
}

/** A version from the wire, its config checked by its layer's schema as a publish would. */
export function configVersionFromPb(v: pb.ConfigVersion): ConfigVersion {
  const layer = layerFromPb(v.layer);
  return Object.freeze({
    layer,
    version: v.version,
    config: parseLayerConfig(layer, jsonFromPb('config_json', v.config_json)),
    published_by: v.published_by,
    published_at: v.published_at || null,
    reason: v.reason,
    recommendation_id: v.recommendation_id || null,
    rollback_of: v.rollback_of ?? null,
  });
}

export function decisionToPb(d: Decision): pb.Decision {
  return d === 'approve' ? pb.Decision.DECISION_APPROVE : pb.Decision.DECISION_REJECT;
}

export function decisionFromPb(d: pb.Decision): Decision {
  if (d === pb.Decision.DECISION_APPROVE) return 'approve';
  if (d === pb.Decision.DECISION_REJECT) return 'reject';
  throw new InvalidArgumentError('decision: give DECISION_APPROVE or DECISION_REJECT');
}

export function statusFromPb(status: string): RecommendationStatus | undefined {
  if (status === '') return undefined;
  if (!RECOMMENDATION_STATUSES.includes(status as RecommendationStatus))
    throw new InvalidArgumentError(
      `status: '${status}' is not one of ${RECOMMENDATION_STATUSES.join(', ')}`,
    );
  return status as RecommendationStatus;
}

const evidenceToPb = (e: Evidence): pb.RecommendationEvidence => ({ ...e });
const erasedToPb = (e: ErasedEvidence): pb.RecommendationEvidence => ({
  kind: e.kind,
  id: e.id,
  summary: e.reason,
});
const evidenceFromPb = (e: pb.RecommendationEvidence): Evidence => ({
  kind: e.kind as EvidenceKind,
  id: e.id,
  summary: e.summary,
});

function recommendationDecisionToPb(d: RecommendationDecision): pb.RecommendationDecision {
  return {
    decision: decisionToPb(d.decision),
    by: d.by,
    at: d.at,
    reason: d.reason,
    evidence: d.evidence.map(evidenceToPb),
    erased_evidence: d.erased_evidence.map(erasedToPb),
    published_version: d.published_version ?? undefined,
  };
}

export function recommendationToPb(r: StoredRecommendation): pb.Recommendation {
  return {
    recommendation_id: r.recommendation_id,
    component: r.component,
    layer: r.layer,
    parameter: r.parameter,
    current_value_json: JSON.stringify(r.current_value),
    recommended_value_json: JSON.stringify(r.recommended_value),
    expected_impact: {
      metric: r.expected_impact.metric,
      estimate: r.expected_impact.estimate,
      interval_low: r.expected_impact.interval[0],
      interval_high: r.expected_impact.interval[1],
      unit: r.expected_impact.unit,
    },
    evidence: r.evidence.map(evidenceToPb),
    confidence: r.confidence,
    risk: r.risk,
    route: r.route,
    route_reason: r.route_reason,
    reasons: [...r.reasons],
    status: r.status,
    saved_at: r.saved_at,
    run_id: r.run_id ?? '',
    superseded_by: r.superseded_by ?? '',
    decision: r.decision ? recommendationDecisionToPb(r.decision) : undefined,
  };
}

export function recommendationFromPb(r: pb.Recommendation): StoredRecommendation {
  const impact = r.expected_impact;
  const d = r.decision;
  return Object.freeze({
    recommendation_id: r.recommendation_id,
    component: r.component as StoredRecommendation['component'],
    layer: layerFromPb(r.layer),
    parameter: r.parameter,
    current_value: jsonFromPb('current_value_json', r.current_value_json),
    recommended_value: jsonFromPb('recommended_value_json', r.recommended_value_json),
    expected_impact: {
      metric: impact?.metric ?? '',
      estimate: impact?.estimate ?? Number.NaN,
      interval: [impact?.interval_low ?? Number.NaN, impact?.interval_high ?? Number.NaN] as const,
      unit: impact?.unit ?? '',
    },
    evidence: r.evidence.map(evidenceFromPb),
    confidence: r.confidence,
    risk: r.risk as StoredRecommendation['risk'],
    route: r.route as StoredRecommendation['route'],
    route_reason: r.route_reason,
    reasons: [...r.reasons],
    status: statusFromPb(r.status) ?? 'pending',
    saved_at: r.saved_at,
    run_id: r.run_id || null,
    superseded_by: r.superseded_by || null,
    decision: d
      ? {
          decision: decisionFromPb(d.decision),
          by: d.by,
          at: d.at,
          reason: d.reason,
          evidence: d.evidence.map(evidenceFromPb),
          erased_evidence: d.erased_evidence.map((e) => ({
            kind: e.kind as EvidenceKind,
            id: e.id,
            reason: e.summary,
          })),
          published_version: d.published_version ?? null,
        }
      : null,
  });
}
