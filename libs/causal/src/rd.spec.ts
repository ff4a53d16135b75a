import { createRng } from '@hirelearn/stats';
import { rdLocalLinear } from './rd';
import { ikBandwidth, mseRdBandwidth } from './rd-bandwidth';

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

describe('mseRdBandwidth (rdrobust mserd; known answer on the Senate data in published/)', () => {
  const w = world(1500, 75, 0.4, 0.3);
  const bw = mseRdBandwidth(w.running, w.outcome, 0);

  it('gives a finite estimate bandwidth h inside the data range and a wider bias bandwidth b', () => {
    expect(bw.h).toBeGreaterThan(0.05);
    expect(bw.h).toBeLessThanOrEqual(1);
    expect(bw.b).toBeGreaterThan(bw.h);
  });

  it('moves with the running variable and ignores affine changes of the outcome', () => {
    const moved = mseRdBandwidth(
      w.running.map((x) => 3 * x - 2),
      w.outcome,
      -2,
    );
    expect(moved.h).toBeCloseTo(3 * bw.h, 6);
    expect(moved.b).toBeCloseTo(3 * bw.b, 6);
    const rescaled = mseRdBandwidth(
      w.running,
      w.outcome.map((y) => 10 * y - 4),
      0,
    );
    expect(rescaled.h).toBeCloseTo(bw.h, 6);
  });

  it('with mass points keeps both pilots at least the 10th distinct value from the cutoff', () => {
    // x on a 0.05 grid: the 10th distinct value is 0.5 below the cutoff (0.45 above it)
    const coarse = w.running.map((x) => Math.round(x * 20) / 20);
    const m = mseRdBandwidth(coarse, w.outcome, 0);
    expect(Number.isFinite(m.h)).toBe(true);
    expect(m.pilot).toBeGreaterThanOrEqual(0.5);
    expect(m.derivative_pilot).toBeGreaterThanOrEqual(0.5);
    expect(bw.pilot).toBeLessThan(0.5);
  });

  it('is NaN when a side has too few units', () => {
    const few = mseRdBandwidth([-1, -0.5, 0.5, 1, 2, 3, 4], [1, 2, 3, 4, 5, 6, 7], 0);
    expect(few.h).toBeNaN();
  });

  it('drives rdLocalLinear when asked, recovering the planted jump', () => {
    const e = rdLocalLinear(w, { bandwidth_method: 'mserd' });
    expect(e.bandwidth_method).toBe('mserd');
    expect(e.bandwidth).toBeCloseTo(bw.h, 12);
    expect(e.ci[0]).toBeLessThanOrEqual(0.4);
    expect(e.ci[1]).toBeGreaterThanOrEqual(0.4);
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
