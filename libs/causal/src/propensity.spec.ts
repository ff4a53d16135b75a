import { balanceTable } from './balance';
import { ipwWeights } from './ipw';
import { checkOverlap } from './overlap';
import { fitPropensity } from './propensity';
import { causalSettings } from './settings';
import { simulateConfounded } from './testing/simulate';

describe('fitPropensity', () => {
  const data = simulateConfounded({ n: 4000, seed: 1, effect: 0.1 });

  it('recovers the planted logit coefficients (−1.5, 3) within 3 SE', () => {
    const m = fitPropensity(data);
    expect(m.status).toBe('ok');
    expect(m.names).toEqual(['intercept', 'x']);
    [-1.5, 3].forEach((truth, j) => {
      expect(Math.abs(m.coefficients[j] - truth)).toBeLessThan(3 * Math.sqrt(m.vcov[j][j]));
    });
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.scores)).toBe(true);
  });

  it('reports perfect separation as a status, not a throw', () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    const m = fitPropensity({
      outcome: x.map(() => 0),
      treatment: x.map((v) => (v >= 20 ? 1 : 0)),
      covariates: { x },
    });
    expect(m.status).toBe('separation');
    expect(m.reasons[0]).toMatch(/overlap/);
  });

  it('reports no treated / all treated units', () => {
    const base = { outcome: [1, 0, 1], covariates: { x: [1, 2, 3] } };
    expect(fitPropensity({ ...base, treatment: [0, 0, 0] }).status).toBe('no_treated');
    expect(fitPropensity({ ...base, treatment: [1, 1, 1] }).status).toBe('no_control');
    expect(fitPropensity({ ...base, treatment: [1, 0] }).status).toBe('invalid_input');
  });
});

describe('checkOverlap', () => {
  it('counts the share in [0.05, 0.95] and the trimmed units', () => {
    const scores = [0.01, 0.05, 0.5, 0.95, 0.99, 0.3, 0.6, 0.7, 0.2, 0.4];
    const t = [0, 0, 1, 1, 1, 0, 1, 0, 0, 1];
    const o = checkOverlap(scores, t);
    expect(o.share_in_bounds).toBeCloseTo(0.8, 12);
    expect(o.in_bounds).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
    expect(o.ok).toBe(false); // 80% < 90% default
    expect(checkOverlap(scores, t, causalSettings({ min_overlap_share: 0.8 })).ok).toBe(true);
  });
});

describe('balanceTable', () => {
  it('IPW weights remove the imbalance in the confounder (|SMD| 0.6 → < 0.05)', () => {
    const data = simulateConfounded({ n: 4000, seed: 2, effect: 0 });
    const m = fitPropensity(data);
    const b = balanceTable(data, ipwWeights(m.scores, data.treatment, 'ATE'));
    expect(b.max_abs_smd_before).toBeGreaterThan(0.5);
    expect(b.max_abs_smd_after).toBeLessThan(0.05);
    const att = balanceTable(data, ipwWeights(m.scores, data.treatment, 'ATT'));
    expect(att.max_abs_smd_after).toBeLessThan(0.05);
  });

  it('equal weights leave SMDs unchanged; the hand value for a tiny table', () => {
    // treated x = [1, 3] (mean 2, var 2), control x = [0, 2] (mean 1, var 2): SMD = 1/√2.
    const data = {
      outcome: [0, 0, 0, 0],
      treatment: [1, 1, 0, 0],
      covariates: { x: [1, 3, 0, 2] },
    };
    const b = balanceTable(data, [1, 1, 1, 1]);
    expect(b.rows[0].smd_before).toBeCloseTo(1 / Math.SQRT2, 12);
    expect(b.rows[0].smd_after).toBeCloseTo(1 / Math.SQRT2, 12);
  });
});
