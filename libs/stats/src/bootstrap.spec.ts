import { bootstrap } from './bootstrap';
import { mean, sd } from './descriptives';
import { createRng } from './rng';

describe('bootstrap', () => {
  const rng0 = createRng(2024);
  const sample = Array.from({ length: 40 }, () => rng0.normal(10, 2));

  it('acceleration for the mean equals Σ(x − x̄)³ / (6 (Σ(x − x̄)²)^{3/2}) (jackknife closed form)', () => {
    const skewed = [1, 2, 2, 3, 3, 3, 4, 8, 15, 30];
    const r = bootstrap(skewed, { statistic: mean, rng: createRng(1), B: 200 });
    const m = mean(skewed);
    const num = skewed.reduce((s, x) => s + (x - m) ** 3, 0);
    const den = skewed.reduce((s, x) => s + (x - m) ** 2, 0);
    expect(r.acceleration).toBeCloseTo(num / (6 * den ** 1.5), 12);
    expect(r.acceleration).toBeGreaterThan(0);
    // Right skew: BCa shifts the interval to the right of the percentile interval.
    expect(r.bca.upper).toBeGreaterThan(r.percentile.upper);
  });

  it('bootstrap SE of the mean ≈ s·√((n−1)/n)/√n; intervals bracket the estimate', () => {
    const r = bootstrap(sample, { statistic: mean, rng: createRng(3), B: 4000 });
    expect(r.status).toBe('ok');
    const target = (sd(sample) * Math.sqrt(39 / 40)) / Math.sqrt(40);
    expect(Math.abs(r.se / target - 1)).toBeLessThan(0.05);
    expect(r.percentile.lower).toBeLessThan(r.estimate);
    expect(r.percentile.upper).toBeGreaterThan(r.estimate);
    expect(r.bca.lower).toBeLessThan(r.estimate);
    expect(r.bca.upper).toBeGreaterThan(r.estimate);
    expect(r.percentile.upper - r.percentile.lower).toBeCloseTo(2 * 1.96 * target, 1);
  });

  it('is reproducible for a given seed', () => {
    const a = bootstrap(sample, { statistic: mean, rng: createRng(9), B: 300 });
    const b = bootstrap(sample, { statistic: mean, rng: createRng(9), B: 300 });
    expect(a).toEqual(b);
  });

  it('BCa covers the true mean of N(3, 1) samples at about the nominal 95%', () => {
    const sim = createRng(77);
    const reps = 200;
    let coveredBca = 0;
    let coveredPct = 0;
    for (let r = 0; r < reps; r++) {
      const x = Array.from({ length: 30 }, () => sim.normal(3, 1));
      const res = bootstrap(x, { statistic: mean, rng: sim, B: 400 });
      if (res.bca.lower <= 3 && 3 <= res.bca.upper) coveredBca++;
      if (res.percentile.lower <= 3 && 3 <= res.percentile.upper) coveredPct++;
    }
    // Binomial SD at 0.95 with 200 reps ≈ 0.015; bootstrap intervals run slightly narrow at n=30.
    expect(coveredBca / reps).toBeGreaterThan(0.88);
    expect(coveredBca / reps).toBeLessThanOrEqual(0.99);
    expect(coveredPct / reps).toBeGreaterThan(0.88);
  });

  it('cluster bootstrap with singleton clusters reproduces the row bootstrap draw for draw', () => {
    const a = bootstrap(sample, { statistic: mean, rng: createRng(5), B: 200 });
    const b = bootstrap(sample, {
      statistic: mean,
      rng: createRng(5),
      B: 200,
      clusters: sample.map((_, i) => `c${i}`),
    });
    expect(b.percentile).toEqual(a.percentile);
    expect(b.n_units).toBe(40);
  });

  it('cluster bootstrap widens the interval when rows within clusters are copies', () => {
    // 10 clusters of 5 identical rows: the effective sample size is 10, not 50.
    const base = sample.slice(0, 10);
    const data = base.flatMap((v) => [v, v, v, v, v]);
    const ids = base.flatMap((_, g) => [g, g, g, g, g]);
    const iid = bootstrap(data, { statistic: mean, rng: createRng(6), B: 2000 });
    const cl = bootstrap(data, { statistic: mean, rng: createRng(6), B: 2000, clusters: ids });
    expect(cl.n_units).toBe(10);
    // SE ratio ≈ √5 · √((9/10)/(49/50)) ≈ 2.14.
    expect(cl.se / iid.se).toBeGreaterThan(1.8);
    expect(cl.se / iid.se).toBeLessThan(2.5);
  });

  it('degenerate inputs give a status, not a throw', () => {
    expect(bootstrap([5, 5, 5, 5], { statistic: mean, rng: createRng(1), B: 50 }).status).toBe(
      'degenerate_statistic',
    );
    expect(bootstrap([1], { statistic: mean, rng: createRng(1), B: 50 }).status).toBe(
      'too_few_rows',
    );
    expect(() => bootstrap([1, 2], { statistic: mean, rng: createRng(1), B: 0 })).toThrow(/B must/);
  });
});
