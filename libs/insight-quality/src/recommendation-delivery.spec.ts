import { parseOptimizationRecommendation } from '@hirelearn/optimize';
import { parseDeliveryInput } from './delivery';
import { gradeOfConfidence, recommendationDelivery } from './recommendation-delivery';

const rec = parseOptimizationRecommendation({
  recommendation_id: '0123456789abcdef',
  component: 'resume_edits',
  layer: 2,
  parameter: 'resume_edit_priority',
  current_value: [],
  recommended_value: ['added_metrics_to_bullets'],
  expected_impact: {
    metric: 'interview_rate',
    estimate: 0.06,
    interval: [0.03, 0.09],
    unit: 'probability',
  },
  evidence: [{ kind: 'causal_effect', id: 'run-1/added_metrics_to_bullets/aipw', summary: '+6' }],
  confidence: 0.9,
  risk: 'low',
  route: 'manual_review',
  route_reason: 'a person decides',
  reasons: [],
});

describe('a nightly recommendation as a delivery', () => {
  it('is delivered to its layer for everyone, with its change, promise, grade and evidence', () => {
    const d = parseDeliveryInput(recommendationDelivery(rec, '2026-03-02T02:00:00Z'));
    expect(d).toMatchObject({
      user_id: null,
      kind: 'nightly_recommendation',
      source_id: 'recommendations/0123456789abcdef',
      action: {
        type: 'config_change',
        layer: 2,
        parameter: 'resume_edit_priority',
        value: ['added_metrics_to_bullets'],
      },
      predicted_effect: { estimate: 0.06, interval: [0.03, 0.09], unit: 'probability' },
      confidence: 'HIGH',
      evidence: [{ kind: 'causal_effect', id: 'run-1/added_metrics_to_bullets/aipw' }],
    });
  });

  it('is delivered whatever the size of its value (a calibration table runs to pages)', () => {
    const table = Array.from({ length: 500 }, (_, i) => ({ score: i, probability: i / 500 }));
    const big = parseOptimizationRecommendation({ ...rec, recommended_value: table });
    const d = parseDeliveryInput(recommendationDelivery(big, '2026-03-02T02:00:00Z'));
    expect(d.action).toMatchObject({ type: 'config_change', value: table });
    expect(d.action.description).toMatch(
      /^resume_edits: set resume_edit_priority to a new value \(\d+ characters of JSON\)/,
    );
  });

  it('grades a confidence by the map the optimizers made it with', () => {
    expect([0.95, 0.9, 0.6, 0.59, 0.2, 0].map((c) => gradeOfConfidence(c))).toEqual([
      'HIGH',
      'HIGH',
      'MEDIUM',
      'LOW',
      'LOW',
      'LOW',
    ]);
  });
});
