import { createRng, welchTTest } from '@hirelearn/stats';
import { welchDf } from '@hirelearn/stats';
import { compareVariants, metricMean, ratioVariance, relativeLift } from './frequentist';
import { momentsOf, ratioMomentsOf, VariantMoments } from './moments';

/** gbstats' mean case (its known answers: stats/gbstats-known-answers.spec.ts). */
const gbB: VariantMoments = { variant_id: 'b', n: 3461, sum: 2422.7, sum_sq: 134698.29 };

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

describe('ratio metrics (delta method)', () => {
  const { sqrt } = Math;
  it('a ratio whose denominator is 1 for every user is the mean metric', () => {
    const rng = createRng(3);
    const y = (k: number) => Array.from({ length: 80 }, () => rng.normal(k, 1));
    const [c, t] = [y(2), y(2.4)];
    const ones = (a: readonly number[]) => a.map(() => 1);
    const ratio = compareVariants(
      'ratio',
      ratioMomentsOf('c', c, ones(c)),
      ratioMomentsOf('t', t, ones(t)),
    );
    const mean = compareVariants('mean', momentsOf('c', c), momentsOf('t', t));
    for (const k of ['treatment_mean', 'p_value', 'relative_lift', 'relative_se', 'df'] as const) {
      expect(ratio[k]).toBeCloseTo(mean[k], 10);
    }
  });

  it('equals the delta method written out on raw per-user values (interviews / applications)', () => {
    const y = [0, 1, 2, 0, 3, 1, 0, 2];
    const d = [2, 3, 5, 1, 6, 2, 4, 4];
    const n = y.length;
    const my = y.reduce((a, b) => a + b) / n;
    const md = d.reduce((a, b) => a + b) / n;
    const cov = (a: number[], ma: number, b: number[], mb: number) =>
      a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0) / (n - 1);
    const expected =
      cov(y, my, y, my) / md ** 2 -
      (2 * my * cov(y, my, d, md)) / md ** 3 +
      (my ** 2 * cov(d, md, d, md)) / md ** 4;
    const m = ratioMomentsOf('v', y, d);
    expect(metricMean('ratio', m)).toBeCloseTo(9 / 27, 12);
    expect(ratioVariance(m)).toBeCloseTo(expected, 12);
  });

  it('the interval of the ratio covers the true ratio about 95% of the time', () => {
    // Users apply Poisson-ish 1-9 times; each application reaches an interview with p.
    const rng = createRng(19);
    const user = (p: number): [number, number] => {
      const apps = 1 + Math.floor(rng.uniform() * 9);
      let hits = 0;
      for (let i = 0; i < apps; i++) if (rng.uniform() < p) hits++;
      return [hits, apps];
    };
    const arm = (id: string, p: number) => {
      const rows = Array.from({ length: 400 }, () => user(p));
      return ratioMomentsOf(
        id,
        rows.map((r) => r[0]),
        rows.map((r) => r[1]),
      );
    };
    let covered = 0;
    const reps = 300;
    const diffs: number[] = [];
    let seSum = 0;
    for (let k = 0; k < reps; k++) {
      const r = compareVariants('ratio', arm('c', 0.2), arm('t', 0.2));
      if (r.absolute_ci[0] <= 0 && 0 <= r.absolute_ci[1]) covered++;
      diffs.push(r.absolute_lift);
      seSum += r.se;
    }
    expect(covered / reps).toBeGreaterThan(0.92);
    expect(covered / reps).toBeLessThan(0.98);
    // The delta-method standard error agrees with the spread of the estimates themselves.
    const mean = diffs.reduce((a, b) => a + b) / reps;
    const sd = sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
    expect(seSum / reps / sd).toBeGreaterThan(0.9);
    expect(seSum / reps / sd).toBeLessThan(1.1);
  });

  it('says why when a denominator sums to 0 or was not pulled', () => {
    const zero = ratioMomentsOf('c', [0, 0, 0], [0, 0, 0]);
    const some = ratioMomentsOf('t', [1, 0, 2], [2, 1, 3]);
    expect(compareVariants('ratio', zero, some).status).toBe('zero_denominator');
    expect(compareVariants('ratio', momentsOf('c', [1, 2, 3]), some).status).toBe(
      'zero_denominator',
    );
  });
});
