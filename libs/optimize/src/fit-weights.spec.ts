import {
  CURRENT_FIT_WEIGHTS,
  learnFitWeights,
  type FitScoreLearning,
  type LabelledApplication,
} from '@hirelearn/ml';
import { createRng, sigmoid } from '@hirelearn/stats';
import { optimizeFitWeights } from './fit-weights';
import { optimizeSettings } from './settings';

/** A learner's result with the AUC gain and interval the test sets. */
function learning(
  gain: number,
  ci: [number, number],
  learned = { technical: 0.45, seniority: 0.2, experience: 0.2, signal: 0.15 },
): FitScoreLearning {
  const auc = (x: number) => ({ auc: x, ci_lower: x - 0.02, ci_upper: x + 0.02 });
  return {
    status: 'ok',
    learned_weights: learned,
    current_weights: CURRENT_FIT_WEIGHTS,
    coefficients: {},
    std_errors: {},
    auc_learned: auc(0.7 + gain),
    auc_current: auc(0.7),
    auc_difference: { auc: gain, ci_lower: ci[0], ci_upper: ci[1] },
    n_train: 2000,
    n_test: 900,
    seed: 1,
  };
}

describe('optimizeFitWeights', () => {
  it('recommends when the gain >= 0.01 and its interval excludes 0; small confident changes apply themselves', () => {
    const r = optimizeFitWeights({
      learning: learning(0.03, [0.015, 0.045]),
      model_version_id: 'fit-weights@7',
    });
    expect(r.status).toBe('ok');
    const rec = r.recommendations[0];
    expect(rec).toMatchObject({
      component: 'fit_scoring',
      layer: 6,
      parameter: 'weights',
      current_value: CURRENT_FIT_WEIGHTS,
      recommended_value: { technical: 0.45, seniority: 0.2, experience: 0.2, signal: 0.15 },
      expected_impact: { metric: 'held_out_auc', estimate: 0.03, interval: [0.015, 0.045] },
      evidence: [expect.objectContaining({ kind: 'model_version', id: 'fit-weights@7' })],
      risk: 'low',
      route: 'auto_apply',
    });
    // se = 0.03 / (2 × 1.96); P(gain > 0) = Φ(0.03 / se) = Φ(3.92).
    expect(rec.confidence).toBeGreaterThan(0.9999);
  });

  it('below the gain, or with the interval touching 0, no change', () => {
    const small = optimizeFitWeights({ learning: learning(0.008, [0.002, 0.014]) });
    expect(small.status).toBe('no_change');
    expect(small.reasons[0]).toMatch(/gain must be >= 0\.01/);
    expect(optimizeFitWeights({ learning: learning(0.02, [-0.001, 0.041]) }).status).toBe(
      'no_change',
    );
    // The gain is a setting.
    const s = optimizeSettings({ fit_weights: { min_auc_gain: 0.005 } });
    expect(optimizeFitWeights({ learning: learning(0.008, [0.002, 0.014]) }, s).status).toBe('ok');
  });

  it('a large reweighting is high risk and waits for a person', () => {
    const big = { technical: 0.9, seniority: 0.05, experience: 0.03, signal: 0.02 };
    const r = optimizeFitWeights({ learning: learning(0.05, [0.03, 0.07], big) });
    expect(r.recommendations[0]).toMatchObject({ risk: 'high', route: 'manual_review' });
  });

  it("on the learner's own output: a world where only technical fit matters", () => {
    const rng = createRng(5);
    const rows: LabelledApplication[] = [];
    for (let u = 0; u < 300; u++) {
      for (let a = 0; a < 6; a++) {
        const c = [0, 1, 2, 3].map(() => 100 * rng.uniform());
        rows.push({
          application_id: `a${u}-${a}`,
          user_id: `u${u}`,
          fit_technical: c[0],
          fit_seniority: c[1],
          fit_experience: c[2],
          fit_signal: c[3],
          category: 'target',
          resume_score: 60,
          tailoring_applied: false,
          reached_interview: rng.uniform() < sigmoid((c[0] - 60) / 8),
        });
      }
    }
    const l = learnFitWeights(rows);
    const r = optimizeFitWeights({ learning: l });
    expect(r.status).toBe('ok');
    expect(r.analysis.auc_gain!).toBeGreaterThan(0.05);
    expect(
      (r.recommendations[0].recommended_value as Record<string, number>).technical,
    ).toBeGreaterThan(0.8);
    expect(r.recommendations[0].risk).toBe('high');
    expect(optimizeFitWeights({ learning: learnFitWeights(rows.slice(0, 50)) }).status).toBe(
      'insufficient_data',
    );
  });
});
