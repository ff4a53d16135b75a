import { createRng, ols } from '@hirelearn/stats';
import { iv2sls } from './iv';
import { simulateIv } from './testing/simulate';

const covers = (ci: readonly [number, number], v: number): boolean => ci[0] <= v && v <= ci[1];

describe('iv2sls', () => {
  it('recovers the effect that OLS gets wrong under an unobserved confounder', () => {
    const data = simulateIv({ n: 4000, seed: 31, effect: 1, strength: 1 });
    const naive = ols(
      data.treatment.map((d) => [1, d]),
      data.outcome,
      { se: 'hc1' },
    );
    // Bias 2 Cov(D,U)/Var(D) = 2 / (1 + 1 + 0.25) ≈ 0.89.
    expect(naive.coefficients[1]).toBeGreaterThan(1.7);
    const e = iv2sls(data);
    expect(e.status).toBe('ok');
    expect(covers(e.ci, 1)).toBe(true);
    expect(e.weak_instrument).toBe(false);
    expect(e.first_stage_f).toBeGreaterThan(100);
  });

  it('flags a weak instrument (F < 10)', () => {
    const e = iv2sls(simulateIv({ n: 1000, seed: 32, effect: 1, strength: 0.02 }));
    expect(e.first_stage_f).toBeLessThan(10);
    expect(e.weak_instrument).toBe(true);
    expect(e.reasons[0]).toMatch(/weak instrument/);
  });

  it('equals the Wald estimator exactly with one binary instrument and no covariates', () => {
    const d = simulateIv({ n: 500, seed: 33, effect: 0.5, strength: 1 });
    const data = { ...d, covariates: {} };
    const z = d.instruments.z;
    const avg = (col: readonly number[], zv: number): number => {
      const v = col.filter((_, i) => z[i] === zv);
      return v.reduce((s, x) => s + x, 0) / v.length;
    };
    const wald =
      (avg(d.outcome, 1) - avg(d.outcome, 0)) / (avg(d.treatment, 1) - avg(d.treatment, 0));
    expect(iv2sls(data).estimate).toBeCloseTo(wald, 10);
  });

  it('hand-computed 2SLS and HC1 SE on a 4-row example', () => {
    // Z = [0,0,1,1], D = [0,1,1,1], Y = [0,2,3,1]: D̄ by Z = 0.5, 1; Ȳ by Z = 1, 2 → β = 1/0.5 = 2,
    // α = Ȳ − β D̄ = 1.5 − 2·0.75 = 0; u = Y − 2D = [0, 0, 1, −1]; X̂ = [1, D̂], D̂ = [½, ½, 1, 1].
    const data = {
      outcome: [0, 2, 3, 1],
      treatment: [0, 1, 1, 1],
      covariates: {},
      instruments: { z: [0, 0, 1, 1] },
    };
    const e = iv2sls(data);
    expect(e.estimate).toBeCloseTo(2, 12);
    // X̂ᵀX̂ = [[4, 3], [3, 2.5]], inverse B = [[2.5, −3], [−3, 4]]; HC1 slope variance
    // = n/(n−k) Σ_i (B₂· x̂_i u_i)² = 2 · (0 + 0 + 1 + 1) = 4.
    const xh = [
      [1, 0.5],
      [1, 0.5],
      [1, 1],
      [1, 1],
    ];
    const u = [0, 0, 1, -1];
    const B = [
      [2.5, -3],
      [-3, 4],
    ];
    const a = xh.map((r, i) => (B[1][0] * r[0] + B[1][1] * r[1]) * u[i]);
    const v = (4 / 2) * a.reduce((s, x) => s + x * x, 0);
    expect(v).toBeCloseTo(4, 12);
    expect(e.std_error).toBeCloseTo(2, 12);
  });

  /** Two instruments of D; `direct` is z2's own effect on Y (0: both excludable). */
  function twoInstruments(n: number, seed: string, direct: number) {
    const rng = createRng(seed);
    const z1: number[] = [];
    const z2: number[] = [];
    const w: number[] = [];
    const d: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const u = rng.normal();
      z1.push(rng.normal());
      z2.push(rng.normal());
      w.push(rng.normal());
      d.push(0.5 * z1[i] + 0.5 * z2[i] + 0.3 * w[i] + u + rng.normal());
      y.push(1 * d[i] + 0.5 * w[i] + direct * z2[i] + 2 * u + rng.normal());
    }
    return { outcome: y, treatment: d, covariates: { w }, instruments: { z1, z2 } };
  }

  it('over-identified: both instruments and the covariate in both stages; Sargan and J do not reject valid instruments', () => {
    const e = iv2sls(twoInstruments(4000, 'iv-overid-valid', 0));
    expect(e.n_instruments).toBe(2);
    expect(covers(e.ci, 1)).toBe(true);
    expect(e.first_stage!.df1).toBe(2);
    expect(e.first_stage!.df2).toBe(4000 - 4);
    expect(e.first_stage!.f).toBeGreaterThan(100);
    expect(e.sargan!.df).toBe(1);
    expect(e.sargan!.p_value).toBeGreaterThan(0.05);
    expect(e.hansen_j!.p_value).toBeGreaterThan(0.05);
  });

  it('over-identified: an instrument with its own effect on the outcome is rejected by Sargan and J', () => {
    const e = iv2sls(twoInstruments(4000, 'iv-overid-invalid', 0.5));
    expect(e.sargan!.p_value).toBeLessThan(1e-6);
    expect(e.hansen_j!.p_value).toBeLessThan(1e-6);
  });

  it('exactly identified: no over-identification test; J is clustered when clusters are given', () => {
    const one = iv2sls(simulateIv({ n: 500, seed: 34, effect: 1, strength: 1 }));
    expect(one.sargan).toBeNull();
    expect(one.hansen_j).toBeNull();
    const data = twoInstruments(2000, 'iv-overid-cluster', 0);
    const clusters = data.outcome.map((_, i) => Math.floor(i / 4));
    const plain = iv2sls(data);
    const clustered = iv2sls({ ...data, clusters });
    expect(clustered.estimate).toBeCloseTo(plain.estimate, 12);
    expect(clustered.hansen_j!.statistic).not.toBeCloseTo(plain.hansen_j!.statistic, 6);
    expect(clustered.sargan!.statistic).toBeCloseTo(plain.sargan!.statistic, 12);
  });

  it('data problems are results', () => {
    const base = { outcome: [1, 2, 3, 4], treatment: [0, 1, 0, 1], covariates: {} };
    expect(iv2sls({ ...base, instruments: {} }).status).toBe('invalid_input');
    expect(iv2sls({ ...base, instruments: { z: [1, 1, 1, 1] } }).status).toBe('singular_design');
    expect(iv2sls({ ...base, instruments: { z: [1, 0] } }).status).toBe('invalid_input');
  });
});
