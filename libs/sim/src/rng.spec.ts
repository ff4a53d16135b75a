import { SimRng, streamSeed } from './rng';

describe('SimRng', () => {
  it('repeats its stream for a seed and differs across seeds', () => {
    const a = new SimRng(1);
    const b = new SimRng(1);
    const c = new SimRng(2);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and normals with mean 0, sd 1', () => {
    const rng = new SimRng(7);
    const n = 50_000;
    let sum = 0;
    let min = 1;
    let max = 0;
    let zSum = 0;
    let zSq = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
      const z = rng.normal();
      zSum += z;
      zSq += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(zSum / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(zSq / n)).toBeCloseTo(1, 1);
  });

  it('draws Poisson counts with the requested mean', () => {
    const rng = new SimRng(3);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.poisson(2.5);
    expect(sum / 20_000).toBeCloseTo(2.5, 1);
  });

  it('derives unrelated stream seeds from names', () => {
    expect(streamSeed(42, 'user', 1)).toBe(streamSeed(42, 'user', 1));
    expect(streamSeed(42, 'user', 1)).not.toBe(streamSeed(42, 'user', 2));
    expect(streamSeed(42, 'user', 1)).not.toBe(streamSeed(43, 'user', 1));
  });
});
