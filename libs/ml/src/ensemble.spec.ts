import { loadEnsemble, trainEnsemble } from './ensemble';
import { syntheticApplications } from './testing/synthetic';

const WEIGHTS = { technical: 0.1, seniority: 0.2, experience: 0.3, signal: 0.4 };
const small = { trees: { trees: 30 }, network: { epochs: 4 } };

describe('trainEnsemble', () => {
  const rows = syntheticApplications(3000, WEIGHTS, 21);
  let trained: Awaited<ReturnType<typeof trainEnsemble>>;
  beforeAll(async () => {
    trained = await trainEnsemble(rows, { seed: 4, ...small });
  });

  it('learns simplex stacking weights and reports every member beside the ensemble', () => {
    if (trained.status !== 'ok') throw new Error(trained.reason);
    const { weights, metrics, members } = trained.artifact;
    expect(members.map((m) => m.name)).toEqual(['logistic', 'boosted_trees', 'neural_net']);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(weights.every((w) => w >= 0)).toBe(true);
    expect(Object.keys(metrics.members)).toEqual(['logistic', 'boosted_trees', 'neural_net']);
    // The planted signal shows: the ensemble ranks better than chance.
    expect(metrics.ensemble.auc).toBeGreaterThan(0.6);
    expect(metrics.beats_every_member).toBe(
      Object.values(metrics.members).every((m) => metrics.ensemble.log_loss < m.log_loss),
    );
    expect(['identity', 'platt', 'isotonic']).toContain(metrics.calibration_method);
    expect(metrics.ensemble.ece).toBeLessThan(0.08);
    const r = metrics.rows;
    expect(r.train + r.stack + r.calibrate + r.test).toBe(rows.length);
  });

  it('predicts the EnsemblePrediction shape and round-trips through JSON', () => {
    if (trained.status !== 'ok') throw new Error(trained.reason);
    const p = trained.model.predict(rows[0]);
    expect(p.probability).toBeGreaterThan(0);
    expect(p.probability).toBeLessThan(1);
    expect(Object.keys(p.individual_predictions)).toEqual([
      'logistic',
      'boosted_trees',
      'neural_net',
    ]);
    const ps = Object.values(p.individual_predictions);
    expect(p.model_agreement).toBeCloseTo(1 - (Math.max(...ps) - Math.min(...ps)), 12);
    expect(p.confidence).toBeGreaterThanOrEqual(0);
    expect(p.confidence).toBeLessThanOrEqual(1);
    expect(p.disagreement_analysis.high_disagreement).toBe(p.disagreement_analysis.spread > 0.15);
    const back = loadEnsemble(JSON.stringify(trained.artifact));
    expect(back.predictMany(rows.slice(0, 50))).toEqual(
      trained.model.predictMany(rows.slice(0, 50)),
    );
    expect(() => loadEnsemble('{"format":"other"}')).toThrow(/not an ensemble/);
  });

  it('is reproducible under a seed and refuses too little data with a status', async () => {
    const again = await trainEnsemble(rows, { seed: 4, ...small });
    if (again.status !== 'ok' || trained.status !== 'ok') throw new Error('fit failed');
    expect(again.artifact.weights).toEqual(trained.artifact.weights);
    const few = await trainEnsemble(rows.slice(0, 100));
    expect(few.status).toBe('insufficient_data');
  });
});
