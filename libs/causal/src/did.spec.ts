import { ols } from '@hirelearn/stats';
import { did2x2, didTwoWayFe } from './did';
import { simulatePanel } from './testing/simulate';

const covers = (ci: readonly [number, number], v: number): boolean => ci[0] <= v && v <= ci[1];

describe('did2x2', () => {
  it('equals the difference of the four cell-mean differences exactly', () => {
    // Cell means: control pre 1, control post 2, treated pre 3, treated post 7 → τ = (7−3) − (2−1) = 3.
    const data = {
      outcome: [0.5, 1.5, 2, 2, 2.5, 3.5, 6, 8],
      group: [0, 0, 0, 0, 1, 1, 1, 1],
      post: [0, 0, 1, 1, 0, 0, 1, 1],
    };
    const e = did2x2(data);
    expect(e.status).toBe('ok');
    expect(e.estimate).toBeCloseTo(3, 12);
    expect(e.estimand).toBe('ATT');
  });

  it('recovers a planted effect with unit-clustered errors while pooled OLS is biased', () => {
    const p = simulatePanel({ units: 300, periods: 2, seed: 61, effect: 0.5, start: 1 });
    const pooled = ols(
      p.treated.map((d) => [1, d]),
      p.outcome,
    );
    expect(pooled.coefficients[1]).toBeGreaterThan(1.2);
    const e = did2x2({ outcome: p.outcome, group: p.group, post: p.post, clusters: p.unit });
    expect(covers(e.ci, 0.5)).toBe(true);
    expect(e.n_clusters).toBe(300);
  });

  it('an empty cell or non-binary group is a status', () => {
    expect(did2x2({ outcome: [1, 2], group: [0, 1], post: [0, 0] }).status).toBe(
      'insufficient_data',
    );
    expect(did2x2({ outcome: [1, 2], group: [0, 2], post: [0, 1] }).status).toBe('invalid_input');
  });
});

describe('didTwoWayFe', () => {
  it('equals the 2×2 DiD on a balanced two-period panel', () => {
    const p = simulatePanel({ units: 100, periods: 2, seed: 62, effect: 0.5, start: 1 });
    const twfe = didTwoWayFe(p);
    const two = did2x2({ outcome: p.outcome, group: p.group, post: p.post, clusters: p.unit });
    expect(twfe.estimate).toBeCloseTo(two.estimate, 9);
  });

  it('matches OLS with explicit unit and period dummies (coefficient and CR1 SE up to the df factor)', () => {
    const p = simulatePanel({ units: 40, periods: 5, seed: 63, effect: 0.5, start: 3 });
    // Unbalance the panel: drop a few observations.
    const keep = p.outcome.map((_, i) => i % 17 !== 5);
    const pick = <T>(c: readonly T[]): T[] => c.filter((_, i) => keep[i]);
    const data = {
      outcome: pick(p.outcome),
      treated: pick(p.treated),
      unit: pick(p.unit),
      time: pick(p.time),
    };
    const n = data.outcome.length;
    const X = data.outcome.map((_, i) => [
      data.treated[i],
      ...Array.from({ length: 40 }, (_, u) => (data.unit[i] === u ? 1 : 0)),
      ...Array.from({ length: 4 }, (_, t) => (data.time[i] === t + 1 ? 1 : 0)),
    ]);
    const full = ols(X, data.outcome, { se: 'cluster', clusters: data.unit });
    const e = didTwoWayFe(data);
    expect(e.estimate).toBeCloseTo(full.coefficients[0], 8);
    // Same meat and bread for τ (FWL); CR1 scales differ only in k: 1 + 4 here vs 45 there.
    const rescaled = e.std_error * Math.sqrt((n - 5) / (n - 45));
    expect(rescaled).toBeCloseTo(full.std_errors[0], 8);
  });

  it('recovers a planted effect in a 6-period panel', () => {
    const e = didTwoWayFe(
      simulatePanel({ units: 200, periods: 6, seed: 64, effect: 0.5, start: 3 }),
    );
    expect(e.status).toBe('ok');
    expect(covers(e.ci, 0.5)).toBe(true);
    expect(e.reasons).toEqual([]);
  });

  it('flags staggered timing, and reports absorbed or missing treatment as statuses', () => {
    const st = didTwoWayFe(
      simulatePanel({ units: 60, periods: 6, seed: 65, effect: 0.5, start: 2, staggered: true }),
    );
    expect(st.reasons[0]).toMatch(/Goodman-Bacon/);
    const p = simulatePanel({ units: 20, periods: 3, seed: 66, effect: 0.5, start: 0 });
    expect(didTwoWayFe(p).status).toBe('singular_design'); // treated in every period: absorbed by α_i
    expect(didTwoWayFe({ ...p, treated: p.treated.map(() => 0) }).status).toBe('no_treated');
  });

  it('runs on 200k rows (whole columns are never spread into Math.max)', () => {
    const p = simulatePanel({ units: 40_000, periods: 5, seed: 67, effect: 0.5, start: 3 });
    expect(p.outcome.length).toBe(200_000);
    const e = didTwoWayFe(p);
    expect(e.status).toBe('ok');
    expect(covers(e.ci, 0.5)).toBe(true);
    expect(e.n_clusters).toBe(40_000);
  });
});
