import { createRng } from '@hirelearn/stats';
import { rdLocalLinear } from './rd';
import { ikBandwidth } from './rd-bandwidth';

function world(n: number, seed: number, jump: number, noise: number) {
  const rng = createRng(seed);
  const running: number[] = [];
  const outcome: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = 2 * rng.uniform() - 1;
    running.push(x);
    outcome.push(0.5 + x + 0.8 * x * x + (x >= 0 ? jump : 0) + noise * rng.normal());
  }
  return { running, outcome, cutoff: 0 };
}

describe('ikBandwidth', () => {
  const w = world(2000, 71, 0.4, 0.3);
  const h = ikBandwidth(w.running, w.outcome, 0);

  it('is a finite positive bandwidth inside the data range', () => {
    expect(h).toBeGreaterThan(0.05);
    expect(h).toBeLessThan(2);
  });

  it('moves with the running variable: h(a·X + b, cutoff a·c + b) = a·h(X, c)', () => {
    const moved = ikBandwidth(
      w.running.map((x) => 2 * x + 5),
      w.outcome,
      5,
    );
    expect(moved).toBeCloseTo(2 * h, 8);
  });

  it('ignores affine changes of the outcome scale', () => {
    expect(
      ikBandwidth(
        w.running,
        w.outcome.map((y) => 3 * y + 1),
        0,
      ),
    ).toBeCloseTo(h, 8);
  });
});

describe('rdLocalLinear', () => {
  it('is exact on noise-free piecewise-linear data (jump 2)', () => {
    const running = Array.from({ length: 201 }, (_, i) => -1 + i / 100);
    const outcome = running.map((x) => 1 + 0.5 * x + (x >= 0.2 ? 2 + 0.3 * (x - 0.2) : 0));
    const e = rdLocalLinear({ running, outcome, cutoff: 0.2 });
    expect(e.status).toBe('ok');
    expect(e.bandwidth_method).toBe('ik');
    expect(e.estimate).toBeCloseTo(2, 10);
    expect(e.estimand).toBe('ATE_at_cutoff');
  });

  it('recovers a planted jump of 0.4 under curvature and noise', () => {
    const e = rdLocalLinear(world(2000, 72, 0.4, 0.3));
    expect(e.status).toBe('ok');
    expect(e.ci[0]).toBeLessThanOrEqual(0.4);
    expect(e.ci[1]).toBeGreaterThanOrEqual(0.4);
    expect(e.n).toBe(e.n_treated + e.n_control);
  });

  it('uses a given bandwidth and only the units inside it', () => {
    const w = world(1000, 73, 0.4, 0.3);
    const e = rdLocalLinear(w, { bandwidth: 0.25 });
    expect(e.bandwidth).toBe(0.25);
    expect(e.bandwidth_method).toBe('given');
    expect(e.n).toBe(w.running.filter((x) => Math.abs(x) < 0.25).length);
  });

  it('degenerate designs are statuses', () => {
    const w = world(100, 74, 0.4, 0.3);
    expect(rdLocalLinear({ ...w, cutoff: 5 }).status).toBe('no_treated');
    expect(rdLocalLinear({ ...w, cutoff: -5 }).status).toBe('no_control');
    expect(rdLocalLinear(w, { bandwidth: 1e-4 }).status).toBe('insufficient_data');
    expect(rdLocalLinear({ ...w, running: [1] }).status).toBe('invalid_input');
  });
});
