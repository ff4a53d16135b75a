import { chiSquareContingency, chiSquareGoodnessOfFit } from './chisq';
import { twoProportionZTest } from './proportions';

describe('chiSquareGoodnessOfFit', () => {
  it('R ?chisq.test example c(A = 20, B = 15, C = 25): X² = 2.5, df = 2, p = exp(−1.25) = 0.2865', () => {
    const r = chiSquareGoodnessOfFit([20, 15, 25]);
    expect(r.statistic).toBeCloseTo(2.5, 12);
    expect(r.df).toBe(2);
    expect(r.p_value).toBeCloseTo(Math.exp(-1.25), 12);
    expect(r.p_value).toBeCloseTo(0.2865, 4);
  });

  it('non-uniform probabilities (Mendel peas 315/108/101/32 vs 9:3:3:1): X² = 0.470', () => {
    const r = chiSquareGoodnessOfFit([315, 108, 101, 32], [9 / 16, 3 / 16, 3 / 16, 1 / 16]);
    expect(r.statistic).toBeCloseTo(0.47, 2);
    expect(r.p_value).toBeCloseTo(0.9254, 3);
    expect(r.min_expected).toBeCloseTo(556 / 16, 10);
  });

  it('validates probabilities; degenerate inputs give a status', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2], [0.5, 0.6])).toThrow(/sum to 1/);
    expect(chiSquareGoodnessOfFit([0, 0, 0]).status).toBe('empty_input');
    expect(chiSquareGoodnessOfFit([5]).status).toBe('too_few_rows');
  });
});

describe('chiSquareContingency', () => {
  it('R ?chisq.test party-by-gender table: X² = 30.07, df = 2, p = 2.954e-07', () => {
    const r = chiSquareContingency([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expect(r.status).toBe('ok');
    expect(r.statistic).toBeCloseTo(30.0701, 3);
    expect(r.df).toBe(2);
    expect(Math.abs(r.p_value - 2.954e-7) / 2.954e-7).toBeLessThan(1e-3);
  });

  it('2×2 without correction equals the two-proportion z²; Yates by hand', () => {
    const table = [
      [30, 70],
      [45, 55],
    ];
    const r = chiSquareContingency(table);
    expect(r.statistic).toBeCloseTo(twoProportionZTest(30, 100, 45, 100).z ** 2, 10);
    // Expected 37.5/62.5 per row, |O − E| = 7.5 -> Σ 7²/E = 49 · 2 · (1/37.5 + 1/62.5) = 4.181333.
    const y = chiSquareContingency(table, { correct: true });
    expect(y.statistic).toBeCloseTo(4.181333, 6);
    expect(r.cramers_v).toBeCloseTo(Math.sqrt(4.8 / 200), 10);
  });

  it('a zero margin -> zero_variance; ragged table throws', () => {
    expect(
      chiSquareContingency([
        [0, 0],
        [3, 4],
      ]).status,
    ).toBe('zero_variance');
    expect(() => chiSquareContingency([[1, 2], [3]])).toThrow(/row 1/);
  });
});
