import { routeRecommendation, type RouteInput } from './route';
import { optimizeSettings } from './settings';

const base: RouteInput = {
  layer: 6,
  confidence: 0.85,
  risk: 'low',
  evidence_kinds: ['model_version'],
  testable: true,
};

describe('routeRecommendation', () => {
  it('rule 1: high risk waits for a person, however confident', () => {
    const r = routeRecommendation({ ...base, risk: 'high', confidence: 0.99 });
    expect(r.route).toBe('manual_review');
    expect(r.route_reason).toMatch(/high risk/);
  });

  it("rule 2: low risk, validated evidence and the layer's bar (0.8 for layer 6) auto-apply", () => {
    expect(routeRecommendation(base).route).toBe('auto_apply');
    expect(routeRecommendation({ ...base, confidence: 0.8 }).route).toBe('auto_apply');
    // The same confidence is below layer 2's bar (0.9).
    const l2 = routeRecommendation({ ...base, layer: 2 });
    expect(l2.route).toBe('a_b_test');
    expect(l2.route_reason).toMatch(/0\.85 < 0\.9 \(layer 2/);
    // The bar is a setting.
    const s = optimizeSettings({
      routing: { auto_apply_min_confidence: { 2: 0.8, 5: 0.9, 6: 0.95 } },
    });
    expect(routeRecommendation(base, s.routing).route).toBe('a_b_test');
    expect(routeRecommendation({ ...base, layer: 2 }, s.routing).route).toBe('auto_apply');
  });

  it('rule 3: observational evidence or medium risk is tested when it can be', () => {
    const obs = routeRecommendation({
      ...base,
      confidence: 0.95,
      evidence_kinds: ['causal_effect'],
    });
    expect(obs.route).toBe('a_b_test');
    expect(obs.route_reason).toMatch(/observational/);
    const medium = routeRecommendation({ ...base, risk: 'medium', confidence: 0.95 });
    expect(medium.route).toBe('a_b_test');
    expect(medium.route_reason).toMatch(/medium risk/);
    expect(
      routeRecommendation({ ...base, confidence: 0.6, evidence_kinds: ['rd_study'] }).route,
    ).toBe('a_b_test');
  });

  it('rule 4: untestable or weakly supported changes go to a person', () => {
    const untestable = routeRecommendation({
      ...base,
      evidence_kinds: ['timing_table'],
      testable: false,
    });
    expect(untestable.route).toBe('manual_review');
    expect(untestable.route_reason).toMatch(/cannot be randomized/);
    const weak = routeRecommendation({
      ...base,
      confidence: 0.3,
      evidence_kinds: ['causal_effect'],
    });
    expect(weak.route).toBe('manual_review');
    expect(weak.route_reason).toMatch(/0\.30 < 0\.5 \(a\/b test\)/);
  });
});
