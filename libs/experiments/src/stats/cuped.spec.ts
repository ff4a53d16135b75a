import { createRng } from '@hirelearn/stats';
import { cupedCompare } from './cuped';
import { compareVariants } from './frequentist';
import { momentsOf } from './moments';

const { sqrt } = Math;

/** y = 2 + ρ·x + √(1 − ρ²)·e (+ effect in treatment), x and e standard normal: corr(x, y) = ρ. */
function arm(seed: number, n: number, rho: number, effect: number) {
  const rng = createRng(seed);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = rng.normal();
    x.push(xi);
    y.push(2 + effect + rho * xi + sqrt(1 - rho * rho) * rng.normal());
  }
  return { x, y };
}

describe('CUPED', () => {
  it('shrinks the variance by about ρ² = 0.49 and keeps the planted effect', () => {
    const c = arm(1, 5000, 0.7, 0);
    const t = arm(2, 5000, 0.7, 0.05);
    const mc = momentsOf('c', c.y, c.x);
    const mt = momentsOf('t', t.y, t.x);
    const adj = cupedCompare(mc, mt);
    const raw = compareVariants('mean', mc, mt);
    if (adj.status !== 'ok' || !('theta' in adj)) throw new Error(adj.reason);
    expect(adj.theta).toBeCloseTo(0.7, 1);
    expect(adj.variance_reduction).toBeGreaterThan(0.45);
    expect(adj.variance_reduction).toBeLessThan(0.53);
    expect(adj.se).toBeLessThan(raw.se * 0.75);
    // The adjusted estimate is within 3 adjusted SEs of the planted 0.05.
    expect(Math.abs(adj.absolute_lift - 0.05)).toBeLessThan(3 * adj.se);
  });

  it('with an independent covariate it changes almost nothing', () => {
    const c = arm(3, 4000, 0, 0);
    const t = arm(4, 4000, 0, 0);
    const adj = cupedCompare(momentsOf('c', c.y, c.x), momentsOf('t', t.y, t.x));
    if (adj.status !== 'ok' || !('theta' in adj)) throw new Error(adj.reason);
    expect(Math.abs(adj.variance_reduction)).toBeLessThan(0.01);
  });

  it('equals the regression estimate of the treatment effect with the pooled slope', () => {
    // Hand check: ȳ_t − ȳ_c − θ (x̄_t − x̄_c).
    const c = arm(5, 500, 0.5, 0);
    const t = arm(6, 500, 0.5, 0.2);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const adj = cupedCompare(momentsOf('c', c.y, c.x), momentsOf('t', t.y, t.x));
    if (adj.status !== 'ok' || !('theta' in adj)) throw new Error(adj.reason);
    const expected = mean(t.y) - mean(c.y) - adj.theta * (mean(t.x) - mean(c.x));
    expect(adj.absolute_lift).toBeCloseTo(expected, 10);
  });

  it('reports why it cannot adjust', () => {
    const y = [1, 2, 3, 4];
    expect(cupedCompare(momentsOf('c', y), momentsOf('t', y)).status).toBe('no_covariate');
    expect(
      cupedCompare(momentsOf('c', y, [0, 0, 0, 0]), momentsOf('t', y, [0, 0, 0, 0])).status,
    ).toBe('no_covariate_variance');
  });
});
