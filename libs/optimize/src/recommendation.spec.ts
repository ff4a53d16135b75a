import {
  canonicalJson,
  parseOptimizationRecommendation,
  recommendationId,
  type OptimizationRecommendation,
} from './recommendation';

const sample: OptimizationRecommendation = {
  recommendation_id: recommendationId('timing', 'preferred_submission_days', ['tue'], ['e1']),
  component: 'timing',
  layer: 5,
  parameter: 'preferred_submission_days',
  current_value: [],
  recommended_value: ['tue'],
  expected_impact: {
    metric: 'interview_rate',
    estimate: 0.02,
    interval: [0.01, 0.03],
    unit: 'rate',
  },
  evidence: [{ kind: 'causal_effect', id: 'e1', summary: 'within-user' }],
  confidence: 0.7,
  risk: 'low',
  route: 'a_b_test',
  route_reason: 'observational evidence',
  reasons: [],
};

describe('OptimizationRecommendation', () => {
  it('ids are 16 hex, independent of key and evidence order, sensitive to the value', () => {
    const a = recommendationId('fit_scoring', 'fit_weights', { a: 1, b: 2 }, ['x', 'y']);
    const b = recommendationId('fit_scoring', 'fit_weights', { b: 2, a: 1 }, ['y', 'x']);
    const c = recommendationId('fit_scoring', 'fit_weights', { a: 1, b: 3 }, ['x', 'y']);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: true })).toBe(
      '{"a":true,"b":[1,{"c":"x","d":null}]}',
    );
  });

  it('parses a valid recommendation and names the failed field of an invalid one', () => {
    expect(parseOptimizationRecommendation(sample)).toEqual(sample);
    expect(() => parseOptimizationRecommendation({ ...sample, layer: 3 })).toThrow(
      /OptimizationRecommendation\.layer/,
    );
    expect(() => parseOptimizationRecommendation({ ...sample, confidence: 1.5 })).toThrow(
      /OptimizationRecommendation\.confidence/,
    );
    expect(() =>
      parseOptimizationRecommendation({
        ...sample,
        expected_impact: { ...sample.expected_impact, interval: [0.3, 0.1] },
      }),
    ).toThrow(/expected_impact\.interval/);
    expect(() => parseOptimizationRecommendation({ ...sample, evidence: [] })).toThrow(/evidence/);
  });
});
