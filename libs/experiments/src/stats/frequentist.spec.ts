import { createRng, welchTTest } from '@hirelearn/stats';
import { compareVariants, relativeLift, welchDf } from './frequentist';
import { momentsOf, VariantMoments } from './moments';

/**
 * Known answers from GrowthBook's statistics engine (gbstats), file
 * packages/stats/tests/frequentist/test_tests.py of github.com/growthbook/growthbook
 * (TestTwoSidedTTest: test_two_sided_ttest, test_two_sided_ttest_absolute,
 * test_two_sided_ttest_binom), rounded there to 5 decimals.
 */
const gbA: VariantMoments = { variant_id: 'a', n: 3407, sum: 1396.87, sum_sq: 52377.9767 };
const gbB: VariantMoments = { variant_id: 'b', n: 3461, sum: 2422.7, sum_sq: 134698.29 };

describe('compareVariants: GrowthBook known answers', () => {
  it('mean metric, absolute: Welch CI [0.04538, 0.53462], se 0.12478, p 0.02016', () => {
    const r = compareVariants('mean', gbA, gbB);
    expect(r.status).toBe('ok');
    expect(r.test).toBe('welch_t');
    expect(r.absolute_lift).toBeCloseTo(0.29, 5);
    expect(r.absolute_ci[0]).toBeCloseTo(0.04538, 5);
    expect(r.absolute_ci[1]).toBeCloseTo(0.53462, 5);
    expect(r.se).toBeCloseTo(0.12478, 5);
    expect(r.p_value).toBeCloseTo(0.02016, 5);
  });

  it('mean metric, relative (delta method): 0.70732 ± [-0.03526, 1.44989], se 0.37879, p 0.06191', () => {
    const r = compareVariants('mean', gbA, gbB);
    expect(r.relative_lift).toBeCloseTo(0.70732, 5);
    expect(r.relative_se).toBeCloseTo(0.37879, 5);
    expect(r.relative_ci[0]).toBeCloseTo(-0.03526, 5);
    expect(r.relative_ci[1]).toBeCloseTo(1.44989, 5);
    expect(r.relative_p_value).toBeCloseTo(0.06191, 5);
  });

  it('binomial, relative: 14/28 vs 16/30 gives 0.06667 in [-0.47767, 0.61101], se 0.2717, p 0.80707', () => {
    const c = { variant_id: 'a', n: 28, sum: 14, sum_sq: 14 };
    const t = { variant_id: 'b', n: 30, sum: 16, sum_sq: 16 };
    const r = compareVariants('binomial', c, t);
    expect(r.relative_lift).toBeCloseTo(0.06667, 5);
    expect(r.relative_se).toBeCloseTo(0.2717, 4);
    expect(r.relative_ci[0]).toBeCloseTo(-0.47767, 5);
    expect(r.relative_ci[1]).toBeCloseTo(0.61101, 5);
    expect(r.relative_p_value).toBeCloseTo(0.80707, 5);
  });
});

describe('compareVariants: closed forms', () => {
  it('two-proportion z on 250/1000 vs 200/1000: z 2.67740, p 0.00742, Wald CI [0.01346, 0.08654]', () => {
    // Reference: scipy.stats (z pooled; the 2x2 chi-square without correction is z², 7.16846).
    const c = { variant_id: 'c', n: 1000, sum: 200, sum_sq: 200 };
    const t = { variant_id: 't', n: 1000, sum: 250, sum_sq: 250 };
    const r = compareVariants('binomial', c, t);
    expect(r.test).toBe('two_proportion_z');
    expect(r.statistic).toBeCloseTo(2.6774, 4);
    expect(r.statistic ** 2).toBeCloseTo(7.16846, 4);
    expect(r.p_value).toBeCloseTo(0.0074196, 6);
    expect(r.absolute_ci[0]).toBeCloseTo(0.013464, 5);
    expect(r.absolute_ci[1]).toBeCloseTo(0.086536, 5);
    expect(r.relative_lift).toBeCloseTo(0.25, 10);
  });

  it('Welch from moments equals welchTTest on the raw values', () => {
    const rng = createRng(7);
    const a = Array.from({ length: 40 }, () => rng.normal(1, 2));
    const b = Array.from({ length: 55 }, () => rng.normal(1.5, 1));
    const r = compareVariants('mean', momentsOf('a', a), momentsOf('b', b));
    const ref = welchTTest(b, a);
    expect(r.statistic).toBeCloseTo(ref.t, 10);
    expect(r.df).toBeCloseTo(ref.df, 8);
    expect(r.p_value).toBeCloseTo(ref.p_value, 10);
    expect(r.absolute_ci[0]).toBeCloseTo(ref.ci[0], 10);
  });

  it('delta-method relative CI covers the true ratio about 95% of the time', () => {
    const rng = createRng(11);
    let covered = 0;
    const reps = 400;
    for (let k = 0; k < reps; k++) {
      const c = Array.from({ length: 300 }, () => rng.normal(10, 3));
      const t = Array.from({ length: 300 }, () => rng.normal(11, 3));
      const r = compareVariants('mean', momentsOf('c', c), momentsOf('t', t));
      if (r.relative_ci[0] <= 0.1 && 0.1 <= r.relative_ci[1]) covered++;
    }
    expect(covered / reps).toBeGreaterThan(0.92);
    expect(covered / reps).toBeLessThan(0.98);
  });

  it('relativeLift with infinite df uses the normal quantile', () => {
    const r = relativeLift(1, 0.01, 1.1, 0.01, 0.05);
    const se = Math.sqrt(0.01 + 1.21 * 0.01);
    expect(r.se).toBeCloseTo(se, 12);
    expect(r.ci[1] - r.lift).toBeCloseTo(1.959964 * se, 5);
    expect(welchDf(1, 10, 1, 10)).toBeCloseTo(18, 10);
  });

  it('returns status codes for degenerate data', () => {
    const one = { variant_id: 'x', n: 1, sum: 1, sum_sq: 1 };
    expect(compareVariants('mean', one, gbB).status).toBe('too_few_users');
    const flat = { variant_id: 'x', n: 10, sum: 10, sum_sq: 10 };
    expect(compareVariants('mean', flat, flat).status).toBe('zero_variance');
    const zero = { variant_id: 'x', n: 10, sum: 0, sum_sq: 0 };
    const some = { variant_id: 'y', n: 10, sum: 3, sum_sq: 3 };
    const z = compareVariants('binomial', zero, some);
    expect(z.status).toBe('zero_control_mean');
    expect(Number.isFinite(z.p_value)).toBe(true);
  });
});
