import { CURRENT_FIT_WEIGHTS, fitScore, fitScoreArtifact, learnFitWeights } from './fit-score';
import { syntheticApplications } from './testing/synthetic';

describe('learnFitWeights', () => {
  const truth = { technical: 0.1, seniority: 0.2, experience: 0.3, signal: 0.4 };
  const rows = syntheticApplications(10000, truth, 9);

  it('recovers planted weights and beats the current ones on held-out AUC', () => {
    const r = learnFitWeights(rows, { seed: 2, bootstrap: 100 });
    if (r.status !== 'ok') throw new Error(r.reason);
    for (const c of ['technical', 'seniority', 'experience', 'signal'] as const) {
      expect(Math.abs(r.learned_weights[c] - truth[c])).toBeLessThan(0.07);
    }
    expect(r.current_weights).toEqual(CURRENT_FIT_WEIGHTS);
    expect(r.auc_learned.auc).toBeGreaterThan(r.auc_current.auc);
    expect(r.auc_difference.ci_lower).toBeGreaterThan(0);
    expect(r.auc_learned.ci_lower).toBeLessThan(r.auc_learned.auc);
    expect(r.n_train + r.n_test).toBe(rows.length);
    expect(fitScoreArtifact(r).weights).toBe(r.learned_weights);
  });

  it('scores a job with weights and reports too little data as a status', () => {
    const c = { technical: 50, seniority: 100, experience: 0, signal: 10 };
    expect(fitScore(CURRENT_FIT_WEIGHTS, c)).toBeCloseTo(0.4 * 50 + 0.2 * 100 + 0.2 * 10, 12);
    expect(learnFitWeights(rows.slice(0, 20)).status).toBe('insufficient_data');
  });
});
