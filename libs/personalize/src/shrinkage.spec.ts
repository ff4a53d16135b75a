import {
  betaBinomialPrior,
  betweenUserVariance,
  gammaPoissonPrior,
  shrinkCount,
  shrinkDifference,
} from './shrinkage';

describe('empirical-Bayes shrinkage, known answers worked by hand', () => {
  // Four users, 10 applications each, 1, 3, 5 and 7 interviews: m = 16/40 = 0.4,
  // rates .1 .3 .5 .7 have S² = 0.2/3, h = 1/10, m(1−m) = 0.24,
  // τ² = (0.2/3 − 0.024) / 0.9 = 0.047407..., k = 0.24 / τ² − 1 = 4.0625.
  const prior = betaBinomialPrior(
    [1, 3, 5, 7].map((x) => ({ x, n: 10 })),
    10_000,
  );

  it('estimates the beta-binomial prior by moments', () => {
    expect(prior.mean).toBeCloseTo(0.4, 12);
    expect(prior.between_variance).toBeCloseTo(0.0426667 / 0.9, 6);
    expect(prior.prior_strength).toBeCloseTo(4.0625, 10);
    expect(prior.users).toBe(4);
  });

  it('shrinks 7 of 10 to (7 + 4.0625·0.4) / 14.0625 with weight 10 / 14.0625', () => {
    const s = shrinkCount({ x: 7, n: 10 }, prior);
    expect(s.value).toBeCloseTo(8.625 / 14.0625, 12); // 0.61333
    expect(s.weight).toBeCloseTo(10 / 14.0625, 12); // 0.71111
    expect(s.own).toBe(0.7);
  });

  it('gives much data much weight and thin data little', () => {
    expect(shrinkCount({ x: 70, n: 100 }, prior).weight).toBeCloseTo(100 / 104.0625, 12);
    expect(shrinkCount({ x: 1, n: 1 }, prior).weight).toBeCloseTo(1 / 5.0625, 12);
    expect(shrinkCount({ x: 0, n: 0 }, prior)).toEqual({ value: 0.4, own: null, weight: 0 });
  });

  it('gives everyone the segment value when users differ no more than chance', () => {
    // 2 of 10 for every user: S² = 0 < the binomial noise, τ² <= 0.
    const flat = betaBinomialPrior(
      [2, 2, 2, 2].map((x) => ({ x, n: 10 })),
      10_000,
    );
    expect(flat.between_variance).toBe(0);
    expect(flat.prior_strength).toBe(10_000);
    expect(shrinkCount({ x: 9, n: 10 }, flat).weight).toBeLessThan(0.001);
  });

  it('estimates the gamma-Poisson prior of paces by moments', () => {
    // 40 applications in 4 weeks (10/week) and 8 in 4 weeks (2/week): m = 48/8 = 6,
    // S² = 32, h = 1/4, τ² = 32 − 6/4 = 30.5, k = 6 / 30.5 weeks.
    const p = gammaPoissonPrior(
      [
        { x: 40, n: 4 },
        { x: 8, n: 4 },
      ],
      10_000,
    );
    expect(p.mean).toBe(6);
    expect(p.between_variance).toBeCloseTo(30.5, 12);
    expect(p.prior_strength).toBeCloseTo(6 / 30.5, 12);
    expect(shrinkCount({ x: 40, n: 4 }, p).value).toBeCloseTo(
      (40 + (6 / 30.5) * 6) / (4 + 6 / 30.5),
      12,
    );
  });

  it('shrinks a difference by τ² / (τ² + v) toward a given prior mean', () => {
    // y = ±0.1, ±0.3 with v = 0.01: S² = 0.2/3, τ² = 0.2/3 − 0.01 = 0.056667, w = 0.85.
    const units = [0.1, -0.1, 0.3, -0.3].map((estimate) => ({ estimate, variance: 0.01 }));
    const tau2 = betweenUserVariance(units);
    expect(tau2).toBeCloseTo(0.2 / 3 - 0.01, 12);
    const s = shrinkDifference({ estimate: 0.3, variance: 0.01 }, 0.05, tau2);
    expect(s.weight).toBeCloseTo(0.85, 12);
    expect(s.value).toBeCloseTo(0.85 * 0.3 + 0.15 * 0.05, 12); // 0.2625
    expect(shrinkDifference(null, 0.05, tau2)).toEqual({ value: 0.05, own: null, weight: 0 });
  });
});
