import { createRng } from '@hirelearn/stats';
import { didTwoWayFe } from './did';
import {
  clusteredVariance,
  clusterScores,
  covariateFit,
  didStaggered,
  imputedEffects,
  panelProblem,
  partitionCells,
  solveFixedEffects,
  untreatedFixedEffects,
  untreatedWeights,
  usedUnits,
} from './did-staggered';
import { panelTiming } from './panel-timing';
import { didPreTrendTest } from './pre-trend';

interface Panel {
  outcome: number[];
  treated: number[];
  unit: number[];
  time: number[];
  covariates?: Record<string, number[]>;
}

/**
 * Units in cohorts (first treated period, Infinity = never) over periods 0..T−1:
 * Y = α_i + λ_t + effect(t − g) 1{t ≥ g} + pre(g − t) 1{t < g} + noise.
 */
function staggeredPanel(o: {
  cohorts: readonly number[];
  perCohort: number;
  periods: number;
  seed: number;
  noise: number;
  effect: (since: number) => number;
  pre?: (before: number) => number;
}): Panel & { truth: number } {
  const rng = createRng(o.seed);
  const lambda = Array.from({ length: o.periods }, (_, t) => 0.3 * t + rng.normal(0, 0.2));
  const p: Panel = { outcome: [], treated: [], unit: [], time: [] };
  let truth = 0;
  let n1 = 0;
  o.cohorts.forEach((g, c) => {
    for (let k = 0; k < o.perCohort; k++) {
      const u = c * o.perCohort + k;
      const a = rng.normal() + (Number.isFinite(g) ? 0.5 * g : 0); // cohorts differ in level
      for (let t = 0; t < o.periods; t++) {
        const d = t >= g ? 1 : 0;
        const tau = d ? o.effect(t - g) : 0;
        const pre = !d && Number.isFinite(g) && o.pre ? o.pre(g - t) : 0;
        p.outcome.push(a + lambda[t] + tau + pre + o.noise * rng.normal());
        p.treated.push(d);
        p.unit.push(u);
        p.time.push(t);
        if (d) {
          truth += tau;
          n1++;
        }
      }
    }
  });
  return { ...p, truth: truth / n1 };
}

describe('didStaggered', () => {
  it('matches the closed form on a 3 × 3 hand panel', () => {
    // A treated from t = 2, B from t = 3, C never; periods 1..3.
    const [A1, A2, A3, B1, B2, B3, C1, C2, C3] = [1, 4, 6, 2, 3, 9, 0, 2, 5];
    const data = {
      outcome: [A1, A2, A3, B1, B2, B3, C1, C2, C3],
      treated: [0, 1, 1, 0, 0, 1, 0, 0, 0],
      unit: ['A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C'],
      time: [1, 2, 3, 1, 2, 3, 1, 2, 3],
    };
    // Untreated cells: A1, B1, B2, C1, C2, C3. B, C over periods 1, 2 is a 2 × 2 whose FE
    // residuals are ±d/4; λ3 rests on C3 alone; α_A on A1 alone.
    const d = B2 - B1 - (C2 - C1);
    const l21 = (B2 - B1 + (C2 - C1)) / 2;
    const l31 = C3 - C1 + d / 4;
    const tauA2 = A2 - A1 - l21;
    const tauA3 = A3 - A1 - l31;
    const tauB3 = B3 - (B1 + d / 4) - l31;
    const e = didStaggered(data);
    expect(e.status).toBe('ok');
    expect(e.method).toBe('did_imputation');
    expect(e.estimate).toBeCloseTo((tauA2 + tauA3 + tauB3) / 3, 10);
    expect([e.n_treated, e.n_control, e.n_clusters, e.cohorts]).toEqual([3, 6, 3, 2]);
  });

  it('recovers heterogeneous dynamic effects exactly where TWFE is biased (noise-free)', () => {
    const p = staggeredPanel({
      cohorts: [2, 4, 6, Infinity],
      perCohort: 25,
      periods: 8,
      seed: 5,
      noise: 0,
      effect: (s) => 0.2 + 0.3 * s,
    });
    const e = didStaggered(p);
    const twfe = didTwoWayFe(p);
    expect(e.estimate).toBeCloseTo(p.truth, 8);
    expect(e.std_error).toBeLessThan(1e-6);
    expect(Math.abs(twfe.estimate - p.truth)).toBeGreaterThan(0.25 * p.truth);
  });

  it('adjusts for covariates fitted on the untreated cells only', () => {
    const p = staggeredPanel({
      cohorts: [2, 4, Infinity],
      perCohort: 30,
      periods: 6,
      seed: 6,
      noise: 0,
      effect: (s) => 1 + s,
    });
    const rng = createRng(7);
    const x = p.outcome.map((_, i) => rng.normal() + 0.5 * p.treated[i]);
    const shifted = { ...p, outcome: p.outcome.map((y, i) => y + 2 * x[i]), covariates: { x } };
    expect(didStaggered(shifted).estimate).toBeCloseTo(p.truth, 8);
  });

  describe('on noisy panels', () => {
    const reps = Array.from({ length: 40 }, (_, s) =>
      staggeredPanel({
        cohorts: [2, 3, 5, Infinity],
        perCohort: 30,
        periods: 7,
        seed: 100 + s,
        noise: 1,
        effect: (k) => 0.5 * k,
      }),
    );
    const fits = reps.map((p) => ({ p, e: didStaggered(p), pre: didPreTrendTest(p) }));

    it('is unbiased, and its clustered SE matches the spread of the estimates', () => {
      const errs = fits.map(({ p, e }) => e.estimate - p.truth);
      const meanErr = errs.reduce((a, b) => a + b, 0) / errs.length;
      const sdErr = Math.sqrt(errs.reduce((a, b) => a + (b - meanErr) ** 2, 0) / (errs.length - 1));
      const meanSe = fits.reduce((a, f) => a + f.e.std_error, 0) / fits.length;
      expect(Math.abs(meanErr)).toBeLessThan(3 * (sdErr / Math.sqrt(errs.length)));
      expect(meanSe / sdErr).toBeGreaterThan(0.75);
      expect(meanSe / sdErr).toBeLessThan(1.5);
      const covered = fits.filter(({ p, e }) => e.ci[0] <= p.truth && p.truth <= e.ci[1]).length;
      expect(covered).toBeGreaterThanOrEqual(34);
    });

    it('the pre-trend test holds its size when trends are parallel', () => {
      expect(fits.every((f) => f.pre.status === 'ok' && f.pre.df === 2)).toBe(true);
      expect(fits.filter((f) => !f.pre.passed).length).toBeLessThanOrEqual(6);
    });
  });

  it('a null staggered panel gives an interval around 0', () => {
    const p = staggeredPanel({
      cohorts: [2, 4, Infinity],
      perCohort: 60,
      periods: 6,
      seed: 9,
      noise: 1,
      effect: () => 0,
    });
    const e = didStaggered(p);
    expect(e.ci[0]).toBeLessThan(0);
    expect(e.ci[1]).toBeGreaterThan(0);
  });

  it('reports non-binary treatment, reverted cells and unidentified cells', () => {
    const data = {
      outcome: [1, 2, 3, 1, 2, 4, 0, 1, 2],
      treated: [1, 1, 1, 0, 1, 0, 0, 0, 0],
      unit: [1, 1, 1, 2, 2, 2, 3, 3, 3],
      time: [0, 1, 2, 0, 1, 2, 0, 1, 2],
    };
    const e = didStaggered(data);
    expect(e.status).toBe('ok');
    expect(e.n_treated).toBe(1); // unit 1 is treated from its first period: not identified
    expect(e.reasons.join(' ')).toMatch(/1 cells untreated after/);
    expect(e.reasons.join(' ')).toMatch(/3 treated cells left out/);
    expect(didStaggered({ ...data, treated: data.treated.map((d) => d / 2) }).status).toBe(
      'invalid_input',
    );
    expect(didStaggered({ ...data, treated: data.treated.map(() => 0) }).status).toBe('no_treated');
  });
});

describe('didPreTrendTest', () => {
  it('rejects anticipation before treatment and reports the lead estimates', () => {
    const p = staggeredPanel({
      cohorts: [3, 4, 5, Infinity],
      perCohort: 40,
      periods: 7,
      seed: 11,
      noise: 1,
      effect: () => 1,
      pre: (before) => (before === 1 ? 0.8 : 0),
    });
    const t = didPreTrendTest(p);
    expect(t.status).toBe('ok');
    expect(t.passed).toBe(false);
    expect(t.p_value).toBeLessThan(0.001);
    expect(t.leads.map((l) => l.lead)).toEqual([1, 2]);
    expect(t.leads[0].estimate).toBeGreaterThan(0.4);
    expect(Math.abs(t.leads[1].estimate)).toBeLessThan(3 * t.leads[1].std_error);
  });

  it('with one lead the Wald statistic is the squared z of the lead', () => {
    const p = staggeredPanel({
      cohorts: [3, 5, Infinity],
      perCohort: 30,
      periods: 6,
      seed: 12,
      noise: 1,
      effect: () => 1,
    });
    const t = didPreTrendTest(p, { leads: 1 });
    expect(t.df).toBe(1);
    expect(t.wald).toBeCloseTo((t.leads[0].estimate / t.leads[0].std_error) ** 2, 10);
  });

  it('drops the farthest lead when no pre-period of the treated is left as reference', () => {
    const p = staggeredPanel({
      cohorts: [2, Infinity],
      perCohort: 30,
      periods: 5,
      seed: 13,
      noise: 1,
      effect: () => 1,
    });
    const t = didPreTrendTest(p); // periods 0 and 1 are leads 2 and 1 of the only cohort
    expect(t.status).toBe('ok');
    expect(t.leads.map((l) => l.lead)).toEqual([1]);
    expect(t.reasons[0]).toMatch(/1 of 2 leads left out/);
  });

  it('needs untreated cells before treatment', () => {
    const t = didPreTrendTest({
      outcome: [1, 2, 3, 4],
      treated: [1, 1, 0, 0],
      unit: [1, 1, 2, 2],
      time: [0, 1, 0, 1],
    });
    expect(t.status).toBe('insufficient_data');
    expect(
      didPreTrendTest({ outcome: [1], treated: [1], unit: [1], time: [0] }, { leads: 0 }).status,
    ).toBe('invalid_input');
  });
});

describe('didStaggered units on the 3 × 3 hand panel', () => {
  // A treated from t = 2, B from t = 3, C never. Ω₀ = A1, B1, B2, C1, C2, C3 (rows 0, 3, 4, 6, 7, 8);
  // B, C × {1, 2} is a 2 × 2 with d = (B2 − B1) − (C2 − C1) = −1, so its FE residuals are
  // ∓d/4 = (B1 .25, B2 −.25, C1 −.25, C2 .25); A1 and C3 are fitted exactly (α_A, λ_3 rest on them).
  const hand = {
    outcome: [1, 4, 6, 2, 3, 9, 0, 2, 5],
    treated: [0, 1, 1, 0, 0, 1, 0, 0, 0],
    unit: ['A', 'A', 'A', 'B', 'B', 'B', 'C', 'C', 'C'],
    time: [1, 2, 3, 1, 2, 3, 1, 2, 3],
  };
  const timing = panelTiming(hand.treated, hand.unit, hand.time);
  const cells = partitionCells(hand.treated, timing);
  const noCov = { beta: [], xtxInv: [], x0Tilde: [] };
  const closeAll = (got: ArrayLike<number>, want: readonly number[]) =>
    want.forEach((v, j) => expect(got[j]).toBeCloseTo(v, 10));

  it('panelProblem names the column rule', () => {
    expect(panelProblem(hand, [])).toBeNull();
    expect(panelProblem({ ...hand, time: [1] }, [])).toBe(
      'every column needs one value per outcome',
    );
    expect(panelProblem(hand, [[0, 0, 0, 0, 0, 0, 0, 0, NaN]])).toMatch(/must be finite/);
    expect(panelProblem({ ...hand, treated: hand.treated.map((d) => d * 2) }, [])).toMatch(/0\/1/);
  });

  it('partitionCells: Ω₀, Ω₁, and the reverted and unidentified cells', () => {
    expect(cells).toEqual({
      untreated: [0, 3, 4, 6, 7, 8],
      treated: [1, 2, 5],
      reverted: 0,
      unidentified: 0,
    });
    // Unit 1 is treated throughout (no untreated cell: unidentified); unit 2 reverts at t = 2.
    const d = {
      treated: [1, 1, 1, 0, 1, 0, 0, 0, 0],
      unit: [1, 1, 1, 2, 2, 2, 3, 3, 3],
      time: [0, 1, 2, 0, 1, 2, 0, 1, 2],
    };
    expect(partitionCells(d.treated, panelTiming(d.treated, d.unit, d.time))).toEqual({
      untreated: [3, 6, 7, 8],
      treated: [4],
      reverted: 1,
      unidentified: 3,
    });
  });

  it('untreatedFixedEffects: α̂ + λ̂ fit Ω₀ up to the 2 × 2 residuals ∓d/4', () => {
    const fe = untreatedFixedEffects(hand.outcome, [], [], cells.untreated, timing);
    if (fe === null) throw new Error('did not converge');
    const fit = cells.untreated.map((i) => fe.alpha[timing.unit[i]] + fe.lambda[timing.rank[i]]);
    closeAll(fit, [1, 1.75, 3.25, 0.25, 1.75, 5]);
  });

  it('solveFixedEffects on one cell per unit and period reproduces it exactly', () => {
    // Two units × two periods, cells (0,0) and (1,1) only: α₀ + λ₀ = 3 and α₁ + λ₁ = 5.
    const alpha = new Float64Array(2);
    const lambda = new Float64Array(2);
    const ok = solveFixedEffects(
      [0, 1],
      Int32Array.of(0, 1),
      Int32Array.of(0, 1),
      Float64Array.of(3, 5),
      Float64Array.of(3, 5),
      alpha,
      lambda,
    );
    expect(ok).toBe(true);
    closeAll([alpha[0] + lambda[0], alpha[1] + lambda[1]], [3, 5]);
  });

  it('imputedEffects: τ̂ = (A2 − A1 − 1.5, A3 − A1 − 4.75, B3 − 1.75 − 4.75) = (1.5, 0.25, 2.5)', () => {
    const fe = untreatedFixedEffects(hand.outcome, [], [], cells.untreated, timing);
    if (fe === null) throw new Error('did not converge');
    closeAll(imputedEffects(hand.outcome, [], [], fe, cells.treated, timing), [1.5, 0.25, 2.5]);
  });

  it('covariateFit: β̂ = d / d_x from the one 2 × 2 that identifies it; none without covariates', () => {
    expect(covariateFit(hand, [], cells.untreated)).toEqual(noCov);
    const x = [0.3, -1, 2, 0.5, 0.1, -0.7, 1.1, 0.4, -0.2];
    // d_x = (0.1 − 0.5) − (0.4 − 1.1) = 0.3.
    const fit = covariateFit(hand, [x], cells.untreated);
    if ('status' in fit) throw new Error(fit.reason);
    expect(fit.beta[0]).toBeCloseTo(-1 / 0.3, 9);
    closeAll(fit.x0Tilde[0], [0, -0.075, 0.075, 0.075, -0.075, 0]);
    const unitLevel = [1, 1, 1, 2, 2, 2, 3, 3, 3];
    expect(covariateFit(hand, [unitLevel], cells.untreated)).toMatchObject({
      status: 'singular_design',
    });
  });

  it('untreatedWeights: τ̂ = Σ_Ω₁ Y/N₁ + Σ_Ω₀ v₀ Y for any outcome, and Σ v₀ = −1', () => {
    const x = [0.3, -1, 2, 0.5, 0.1, -0.7, 1.1, 0.4, -0.2];
    for (const cov of [[], [x]]) {
      const data = { ...hand, covariates: cov.length === 0 ? undefined : { x } };
      const fit = covariateFit(data, cov, cells.untreated);
      if ('status' in fit) throw new Error(fit.reason);
      const v0 = untreatedWeights(cov, fit, cells, timing);
      if (v0 === null) throw new Error('did not converge');
      let linear = 0;
      for (const i of cells.treated) linear += hand.outcome[i] / 3;
      cells.untreated.forEach((i, r) => (linear += v0[r] * hand.outcome[i]));
      // 8 digits: both sides rest on Gauss-Seidel solves stopped at a relative 1e-12.
      expect(linear).toBeCloseTo(didStaggered(data).estimate, 8);
      expect(v0.reduce((a, b) => a + b, 0)).toBeCloseTo(-1, 10);
    }
  });

  it('clusterScores: Σ_t v ε̃ per unit (v₀ = 1..6 here) plus (τ̂ − τ̄_g)/N₁, which sums to 0 in a one-unit cohort', () => {
    const fe = untreatedFixedEffects(hand.outcome, [], [], cells.untreated, timing);
    if (fe === null) throw new Error('did not converge');
    const tau = [1.5, 0.25, 2.5];
    const { score, cohorts } = clusterScores(
      hand,
      [],
      [],
      fe,
      [1, 2, 3, 4, 5, 6],
      tau,
      cells,
      timing,
    );
    // A: 1·0; B: 2·.25 + 3·(−.25); C: 4·(−.25) + 5·.25 + 6·0.
    closeAll(score, [0, -0.25, 0.25]);
    expect(cohorts).toBe(2);
  });

  it('usedUnits and clusteredVariance: G = 3, V̂ = 3/2 · (0.25² + 0.25²)', () => {
    expect(usedUnits(cells, timing.unit)).toBe(3);
    expect(clusteredVariance(Float64Array.of(0, -0.25, 0.25), 3)).toBeCloseTo(0.1875, 15);
  });
});
