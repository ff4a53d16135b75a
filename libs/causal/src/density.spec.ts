import { createRng, normalCdf, normalQuantile } from '@hirelearn/stats';
import { binomialHalfTwoSided, densityCountsTest, rdDensityTest } from './density';

describe('binomialHalfTwoSided', () => {
  it('matches the exact binomial tails', () => {
    expect(binomialHalfTwoSided(0, 4)).toBeCloseTo(2 / 16, 12);
    expect(binomialHalfTwoSided(4, 4)).toBeCloseTo(2 / 16, 12);
    // P(X ≤ 2 | n = 10) = (1 + 10 + 45) / 1024.
    expect(binomialHalfTwoSided(2, 10)).toBeCloseTo((2 * 56) / 1024, 12);
    expect(binomialHalfTwoSided(5, 10)).toBe(1);
  });
});

describe('rdDensityTest', () => {
  /** n points near the cutoff 0 with density ratio `ratio` above vs below. */
  function sample(seed: number, n: number, ratio: number): number[] {
    const rng = createRng(seed);
    const share = ratio / (1 + ratio);
    return Array.from({ length: n }, () =>
      rng.uniform() < share ? rng.uniform() : -rng.uniform(),
    );
  }

  it('counts the window on each side, half-open at the cutoff', () => {
    const t = rdDensityTest([-2, -0.5, -0.1, 0, 0.3, 0.99, 1, 3], 0, 1);
    expect([t.below, t.above]).toEqual([2, 3]);
    expect(t.p_value).toBeCloseTo(1, 12);
    expect(t.passed).toBe(true);
  });

  it('holds its size under no sorting and has the documented power at ratio 1.5 and 1.2 (n = 400)', () => {
    const reject = (ratio: number) => {
      let r = 0;
      for (let s = 0; s < 300; s++) if (!rdDensityTest(sample(s, 400, ratio), 0, 1).passed) r++;
      return r / 300;
    };
    const z = normalQuantile(0.975);
    const power = (p: number) => normalCdf(2 * Math.abs(p - 0.5) * 20 - z);
    expect(reject(1)).toBeLessThanOrEqual(0.07);
    expect(reject(1.5)).toBeGreaterThan(power(0.6) - 0.05);
    expect(Math.abs(reject(1.2) - power(1.2 / 2.2))).toBeLessThan(0.1);
  });

  it('reports an empty window and bad counts as statuses', () => {
    expect(rdDensityTest([5, 6], 0, 1).status).toBe('insufficient_data');
    expect(densityCountsTest(-1, 3, 1).status).toBe('invalid_input');
    expect(densityCountsTest(1, 3, 0).passed).toBe(false);
  });
});
