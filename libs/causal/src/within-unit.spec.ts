import { createRng } from '@hirelearn/stats';
import { naiveDifference } from './naive';
import { withinUnitEffect } from './within-unit';

const { exp, sqrt } = Math;

/**
 * Units with a hidden trait a_u that raises both how often they are treated and their outcome
 * (a habit standing in for a trait), a row-level covariate x, and a planted effect τ:
 *   P(T = 1) = σ(a_u),  Y = 0.3 a_u + τ T + 0.5 x + N(0, 1).
 */
function confoundedPanel(seed: number, units: number, rows: number, tau: number) {
  const rng = createRng(seed);
  const outcome: number[] = [];
  const treatment: number[] = [];
  const x: number[] = [];
  const trait: number[] = [];
  const clusters: number[] = [];
  for (let u = 0; u < units; u++) {
    const a = rng.normal();
    const p = 1 / (1 + exp(-1.5 * a));
    for (let r = 0; r < rows; r++) {
      const t = rng.uniform() < p ? 1 : 0;
      const xi = rng.normal();
      outcome.push(0.3 * a + tau * t + 0.5 * xi + rng.normal());
      treatment.push(t);
      x.push(xi);
      trait.push(a);
      clusters.push(u);
    }
  }
  return { outcome, treatment, covariates: { x }, clusters, trait };
}

describe('withinUnitEffect', () => {
  it('equals the closed form Σ(T−T̄ᵤ)(Y−Ȳᵤ) / Σ(T−T̄ᵤ)² on a tiny panel, with the CR1 variance', () => {
    // Unit A: τ part 1/3 over 2/3; unit B: 1/2 over 1; unit C (never treated) adds nothing:
    // τ̂ = (1/3 + 1/2) / (2/3 + 1) = 1/2.
    const treatment = [1, 0, 0, 1, 1, 0, 0, 0, 0];
    const outcome = [1, 0, 1, 1, 1, 1, 0, 0, 1];
    const clusters = ['A', 'A', 'A', 'B', 'B', 'B', 'B', 'C', 'C'];
    const e = withinUnitEffect({ outcome, treatment, covariates: {}, clusters });
    expect(e.status).toBe('ok');
    expect(e.estimate).toBeCloseTo(0.5, 12);
    expect(e.units).toBe(3);
    expect(e.informative_units).toBe(2);
    // V̂ = G/(G−1)·(n−1)/(n−1) · Σ_g (Σ t̃ẽ)² / (Σ t̃²)²
    const mean = (v: number[]) => v.reduce((s, z) => s + z, 0) / v.length;
    let sxx = 0;
    let meat = 0;
    for (const g of ['A', 'B', 'C']) {
      const idx = clusters.flatMap((c, i) => (c === g ? [i] : []));
      const tb = mean(idx.map((i) => treatment[i]));
      const yb = mean(idx.map((i) => outcome[i]));
      let s = 0;
      for (const i of idx) {
        const tt = treatment[i] - tb;
        sxx += tt * tt;
        s += tt * (outcome[i] - yb - 0.5 * tt);
      }
      meat += s * s;
    }
    expect(e.std_error).toBeCloseTo(sqrt(((3 / 2) * meat) / (sxx * sxx)), 12);
  });

  it('removes a unit-level confounder that biases the pooled comparison', () => {
    const d = confoundedPanel(7, 300, 12, 0.2);
    const data = {
      outcome: d.outcome,
      treatment: d.treatment,
      covariates: { x: d.covariates.x },
      clusters: d.clusters,
    };
    const pooled = naiveDifference(data);
    const within = withinUnitEffect(data);
    expect(pooled.ci[0]).toBeGreaterThan(0.2); // biased upwards by the trait
    expect(within.status).toBe('ok');
    expect(within.ci[0]).toBeLessThan(0.2);
    expect(within.ci[1]).toBeGreaterThan(0.2);
    expect(within.adjusted).toEqual(['x']);
  });

  it('absorbs covariates constant within units (the trait itself), same estimate', () => {
    const d = confoundedPanel(8, 100, 8, 0);
    const base = { outcome: d.outcome, treatment: d.treatment, clusters: d.clusters };
    const a = withinUnitEffect({ ...base, covariates: { x: d.covariates.x } });
    const b = withinUnitEffect({ ...base, covariates: { x: d.covariates.x, trait: d.trait } });
    expect(b.absorbed).toEqual(['trait']);
    expect(b.estimate).toBeCloseTo(a.estimate, 10);
    expect(b.std_error).toBeCloseTo(a.std_error, 10);
  });

  it('covers a null effect at about the nominal rate over 40 confounded panels', () => {
    let covered = 0;
    for (let seed = 100; seed < 140; seed++) {
      const d = confoundedPanel(seed, 80, 8, 0);
      const e = withinUnitEffect({ ...d, covariates: { x: d.covariates.x } });
      if (e.ci[0] <= 0 && e.ci[1] >= 0) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(34);
  });

  it('returns statuses, not throws, for data it cannot use', () => {
    const base = { outcome: [0, 1, 0, 1], treatment: [1, 1, 0, 0], covariates: {} };
    expect(withinUnitEffect(base).status).toBe('invalid_input');
    expect(withinUnitEffect(base).reasons.join()).toMatch(/clusters/);
    const split = withinUnitEffect({ ...base, clusters: [1, 1, 2, 2] });
    expect(split.status).toBe('insufficient_data');
    expect(split.reasons.join()).toMatch(/both treated and control/);
  });
});
