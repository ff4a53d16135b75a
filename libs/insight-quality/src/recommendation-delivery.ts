import {
  DEFAULT_OPTIMIZE_SETTINGS,
  type GradeConfidence,
  type OptimizationRecommendation,
} from '@hirelearn/optimize';
import type { ConfidenceGrade, DeliveryInput } from './delivery';

/**
 * The grade a recommendation's confidence stands for: the highest grade whose confidence
 * (`grade_confidence` of the optimizers' settings, the map that made the number) it reaches.
 */
export function gradeOfConfidence(
  confidence: number,
  grades: GradeConfidence = DEFAULT_OPTIMIZE_SETTINGS.grade_confidence,
): ConfidenceGrade {
  if (confidence >= grades.HIGH) return 'HIGH';
  if (confidence >= grades.MEDIUM) return 'MEDIUM';
  return 'LOW';
}

/** Longest recommended value spelled out in a description; the whole value is in `action.value`. */
const MAX_VALUE_IN_WORDS = 200;

/** The recommended value as JSON, or its size when longer (a calibration table runs to pages). */
function valueInWords(rec: OptimizationRecommendation): string {
  const json = JSON.stringify(rec.recommended_value);
  return json.length <= MAX_VALUE_IN_WORDS
    ? json
    : `a new value (${json.length} characters of JSON)`;
}

/**
 * A nightly recommendation as a delivery to its layer: for everyone (no user), the change of
 * one parameter as its action, the optimizer's expected impact as the promise. Its source is
 * the recommendation itself: the same proposal made again by a later run (the same id) is
 * the delivery already logged.
 */
export function recommendationDelivery(
  rec: OptimizationRecommendation,
  deliveredAt: string,
): DeliveryInput {
  return {
    user_id: null,
    delivered_at: deliveredAt,
    kind: 'nightly_recommendation',
    source_id: `recommendations/${rec.recommendation_id}`,
    action: {
      type: 'config_change',
      layer: rec.layer,
      parameter: rec.parameter,
      value: rec.recommended_value,
      description: `${rec.component}: set ${rec.parameter} to ${valueInWords(rec)} (${rec.route})`,
    },
    predicted_effect: {
      metric: rec.expected_impact.metric,
      estimate: rec.expected_impact.estimate,
      interval: [...rec.expected_impact.interval],
      unit: rec.expected_impact.unit,
    },
    confidence: gradeOfConfidence(rec.confidence),
    evidence: rec.evidence.map((e) => ({ kind: e.kind, id: e.id, summary: e.summary })),
  };
}
