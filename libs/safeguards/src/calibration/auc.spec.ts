import { rocAuc } from './auc';

// positives {0.8, 0.6, 0.4}, negatives {0.6, 0.3}
const scores = [0.8, 0.6, 0.6, 0.4, 0.3];
const labels = [1, 1, 0, 1, 0];

describe('rocAuc', () => {
  it('counts ties as half credit (hand-computed Mann-Whitney)', () => {
    // pairs: 1 + 1 + ½ + 1 + 0 + 1 = 4.5 of 6
    const r = rocAuc(scores, labels);
    expect(r).toMatchObject({ status: 'ok', auc: 0.75, n_positive: 3, n_negative: 2 });
  });

  it('matches a hand-computed DeLong standard error and interval', () => {
    // V10 = {1, .75, .5} → S10 = .0625; V01 = {.5, 1} → S01 = .125
    // Var = .0625/3 + .125/2 = 1/12
    const r = rocAuc(scores, labels);
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.se).toBeCloseTo(Math.sqrt(1 / 12), 10);
    expect(r.ci_lower).toBeCloseTo(0.75 - 1.959964 * Math.sqrt(1 / 12), 5);
    expect(r.ci_upper).toBe(1);
  });

  it('matches a hand-computed Hanley-McNeil standard error', () => {
    // Q1 = .6, Q2 = 2(.5625)/1.75; Var = [.1875 + 2(.0375) + (Q2 − .5625)] / 6
    const q2 = 1.125 / 1.75;
    const variance = (0.1875 + 2 * 0.0375 + (q2 - 0.5625)) / 6;
    const r = rocAuc(scores, labels, { method: 'hanley_mcneil', confidence: 0.9 });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.se).toBeCloseTo(Math.sqrt(variance), 10);
    expect(r.se).toBeCloseTo(0.239046, 5);
    expect(r.ci_lower).toBeCloseTo(0.75 - 1.644854 * r.se, 5);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for all ties', () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toMatchObject({ auc: 1, se: 0 });
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toMatchObject({ auc: 0 });
    expect(rocAuc([3, 3, 3, 3], [1, 0, 1, 0])).toMatchObject({ auc: 0.5 });
  });

  it('accepts unbounded scores', () => {
    expect(rocAuc([-5, 12, 40], [0, 1, 1])).toMatchObject({ auc: 1 });
  });

  it('returns reason codes for one class or empty input', () => {
    expect(rocAuc([0.2, 0.4], [1, 1])).toMatchObject({
      status: 'degenerate',
      reason: 'single_class',
    });
    expect(rocAuc([], [])).toMatchObject({ reason: 'empty_input' });
    expect(rocAuc([Infinity, 1], [1, 0])).toMatchObject({ reason: 'invalid_value' });
    expect(() => rocAuc(scores, labels, { confidence: 1 })).toThrow(RangeError);
  });
});
