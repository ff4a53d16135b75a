import { standardizedMeanDifference, weightedStandardizedMeanDifference } from './smd';

describe('standardizedMeanDifference', () => {
  // treated [1,2,3]: mean 2, var 1; control [2,4,6,8]: mean 5, var 20/3.
  it('average pooling: −3/√((1 + 20/3)/2) = −1.532262', () => {
    const r = standardizedMeanDifference([1, 2, 3], [2, 4, 6, 8]);
    expect(r.status).toBe('ok');
    expect(r.smd).toBeCloseTo(-3 / Math.sqrt((1 + 20 / 3) / 2), 12);
    expect(r.smd).toBeCloseTo(-1.532262, 6);
  });

  it("Cohen's pooled SD: (2·1 + 3·20/3)/5 = 4.4 -> −3/√4.4 = −1.430194", () => {
    const r = standardizedMeanDifference([1, 2, 3], [2, 4, 6, 8], { pooling: 'pooled' });
    expect(r.smd).toBeCloseTo(-1.430194, 6);
  });

  it('zero variance and too few rows give a status', () => {
    expect(standardizedMeanDifference([1, 1], [1, 1]).status).toBe('zero_variance');
    expect(standardizedMeanDifference([1], [1, 2]).status).toBe('too_few_rows');
  });
});

describe('weightedStandardizedMeanDifference', () => {
  it('hand case: treated {1,3} w {3,1}: mean 1.5, s² = 4/(16−10)·3 = 2; control {0,2}: mean 1, s² 2', () => {
    const r = weightedStandardizedMeanDifference(
      { values: [1, 3], weights: [3, 1] },
      { values: [0, 2], weights: [1, 1] },
    );
    expect(r.mean_treated).toBeCloseTo(1.5, 12);
    expect(r.smd).toBeCloseTo(0.5 / Math.sqrt(2), 12);
  });

  it('unit weights reproduce the unweighted SMD; weights are scale-invariant', () => {
    const t = [3, 5, 6, 9];
    const c = [1, 2, 2, 4, 7];
    const plain = standardizedMeanDifference(t, c).smd;
    const w = weightedStandardizedMeanDifference(
      { values: t, weights: t.map(() => 1) },
      { values: c, weights: c.map(() => 1) },
    );
    expect(w.smd).toBeCloseTo(plain, 12);
    const a = weightedStandardizedMeanDifference(
      { values: t, weights: [1, 2, 3, 4] },
      { values: c, weights: [5, 1, 1, 2, 3] },
    );
    const b = weightedStandardizedMeanDifference(
      { values: t, weights: [10, 20, 30, 40] },
      { values: c, weights: [0.5, 0.1, 0.1, 0.2, 0.3] },
    );
    expect(a.smd).toBeCloseTo(b.smd, 12);
    expect(a.smd).not.toBeCloseTo(plain, 3);
  });

  it("sd_from 'unweighted' keeps the unweighted denominator", () => {
    const r = weightedStandardizedMeanDifference(
      { values: [1, 3], weights: [3, 1] },
      { values: [0, 2], weights: [1, 1] },
      { sd_from: 'unweighted' },
    );
    // unweighted variances 2 and 2 -> s* = √2; numerator 1.5 − 1.
    expect(r.smd).toBeCloseTo(0.5 / Math.sqrt(2), 12);
    expect(
      weightedStandardizedMeanDifference(
        { values: [1, 3, 5], weights: [1, 1, 1] },
        { values: [0, 2, 4], weights: [1, 1, 1] },
        { sd_from: 'unweighted' },
      ).smd,
    ).toBeCloseTo(0.5, 12);
  });
});
