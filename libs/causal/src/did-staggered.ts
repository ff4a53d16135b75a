/**
 * Staggered-adoption difference-in-differences that never compares with already-treated units:
 * the imputation estimator of Borusyak, Jaravel & Spiess (2024, ReStud 91(6)), equivalent under
 * parallel trends to Callaway & Sant'Anna's (2021) ATT(g,t) with not-yet-treated controls,
 * averaged over treated cells, and usable on unbalanced panels.
 *
 *   1. On the untreated cells Ω₀ (never-treated units, and treated units before their first
 *      treated period g_i) fit Y_it = α_i + λ_t + x_itᵀβ + e_it.
 *   2. For each treated cell (i, t) ∈ Ω₁ impute Y_it(0) = α̂_i + λ̂_t + x_itᵀβ̂ and take
 *      τ̂_it = Y_it − Y_it(0).
 *   3. ATT = (1/N₁) Σ_{Ω₁} τ̂_it (the simple aggregation: every treated cell weighs the same).
 *
 * τ̂ is linear in Y: τ̂ = Σ_it v_it Y_it with v = 1/N₁ on Ω₁ and, on Ω₀,
 *   v₀ = −(X̃₀ a_β + Z₀ a_θ),  Z₀ᵀZ₀ a_θ = Z₁ᵀv₁,  a_β = (X̃₀ᵀX̃₀)⁻¹ (X₁ᵀv₁ − X₀ᵀZ₀ a_θ),
 * (Z the unit and period dummies, X̃₀ the covariates demeaned two ways on Ω₀), solved by
 * Gauss-Seidel sweeps over the fixed effects (no dummy matrix is formed). The variance is BJS's
 * (their Theorem 3), clustered by unit:
 *   V̂ = G/(G−1) Σ_i (Σ_t v_it ε̃_it)²,  ε̃ = the Ω₀ residual, or τ̂_it − τ̄_g on Ω₁
 * with τ̄_g the mean effect of the unit's cohort (conservative when effects vary within it).
 *
 * Treatment must be 0/1 and is taken as absorbing: cells untreated after their unit's first
 * treated period are left out, as are treated cells whose α_i or λ_t the untreated cells do not
 * identify (a unit treated from its first observed period; a period with no untreated cell, or
 * not connected to the unit through untreated cells); reasons count both.
 */
import { leastSquaresQr } from '@hirelearn/stats';
import { DidEffect, PanelData } from './did';
import { failedEffect, makeEffect } from './effect';
import { panelTiming } from './panel-timing';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { demeanTwoWay } from './twfe';
import { CausalStatus } from './types';

const { abs, max, sqrt } = Math;

export interface StaggeredDidEffect extends DidEffect {
  /** Distinct first-treated periods among the units whose treated cells are used. */
  readonly cohorts: number;
}

/** Union-find root with path halving. */
function root(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]];
    a = parent[a];
  }
  return a;
}

/**
 * Solves the two-way fixed-effects normal equations Z₀ᵀZ₀ (α, λ) = (bu, bt) over the rows
 * `rows` by Gauss-Seidel sweeps; false when they do not converge.
 */
function solveFixedEffects(
  rows: Int32Array,
  unit: Int32Array,
  rank: Int32Array,
  bu: Float64Array,
  bt: Float64Array,
  alpha: Float64Array,
  lambda: Float64Array,
  tol = 1e-12,
  maxIter = 20_000,
): boolean {
  const nu = new Float64Array(bu.length);
  const nt = new Float64Array(bt.length);
  for (const r of rows) {
    nu[unit[r]]++;
    nt[rank[r]]++;
  }
  let scale = 1e-300;
  for (const v of bu) scale = max(scale, abs(v));
  for (const v of bt) scale = max(scale, abs(v));
  const su = new Float64Array(bu.length);
  const st = new Float64Array(bt.length);
  for (let it = 0; it < maxIter; it++) {
    su.fill(0);
    for (const r of rows) su[unit[r]] += lambda[rank[r]];
    let change = 0;
    for (let i = 0; i < bu.length; i++) {
      if (nu[i] === 0) continue;
      const a = (bu[i] - su[i]) / nu[i];
      change = max(change, abs(a - alpha[i]) * nu[i]);
      alpha[i] = a;
    }
    st.fill(0);
    for (const r of rows) st[rank[r]] += alpha[unit[r]];
    for (let t = 0; t < bt.length; t++) {
      if (nt[t] === 0) continue;
      const l = (bt[t] - st[t]) / nt[t];
      change = max(change, abs(l - lambda[t]) * nt[t]);
      lambda[t] = l;
    }
    if (change < tol * scale) return true;
  }
  return false;
}

/** The staggered-adoption ATT by imputation, unit-clustered (module doc). */
export function didStaggered(
  data: PanelData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): StaggeredDidEffect {
  const n = data.outcome.length;
  const cov = Object.values(data.covariates ?? {});
  const k = cov.length;
  const fail = (status: CausalStatus, reason: string, n1 = 0, n0 = 0): StaggeredDidEffect =>
    failedEffect(
      'did_imputation',
      'ATT',
      { status, reasons: [reason], n, n_treated: n1, n_control: n0 },
      settings.alpha,
      { n_clusters: null, cohorts: 0 },
    );
  if ([data.treated, data.unit, data.time, ...cov].some((c) => c.length !== n)) {
    return fail('invalid_input', 'every column needs one value per outcome');
  }
  if (![data.outcome, ...cov].every((c) => c.every(Number.isFinite))) {
    return fail('invalid_input', 'outcome and covariates must be finite');
  }
  if (!data.treated.every((d) => d === 0 || d === 1)) {
    return fail('invalid_input', 'treated must be 0/1 for the staggered estimator');
  }
  const {
    unit,
    units,
    rank,
    periods,
    first_treated: g,
  } = panelTiming(data.treated, data.unit, data.time);
  // Ω₀ and the union-find of units (0..units−1) and periods (units..) over it.
  const parent = Int32Array.from({ length: units + periods }, (_, i) => i);
  const untreated: number[] = [];
  let reverted = 0;
  for (let i = 0; i < n; i++) {
    if (data.treated[i] === 1) continue;
    if (rank[i] > g[unit[i]]) {
      reverted++;
      continue;
    }
    untreated.push(i);
    parent[root(parent, unit[i])] = root(parent, units + rank[i]);
  }
  const treatedRows: number[] = [];
  let unidentified = 0;
  for (let i = 0; i < n; i++) {
    if (data.treated[i] !== 1) continue;
    if (root(parent, unit[i]) === root(parent, units + rank[i])) {
      treatedRows.push(i);
    } else unidentified++;
  }
  const N1 = treatedRows.length;
  const N0 = untreated.length;
  if (N1 === 0) {
    return fail(
      'no_treated',
      'no treated cell whose untreated outcome the untreated cells identify',
      0,
      N0,
    );
  }
  if (N0 === 0) return fail('no_control', 'no untreated cell', N1, 0);
  const rows0 = Int32Array.from(untreated);
  const y0 = untreated.map((i) => data.outcome[i]);
  // β̂ from the two-way demeaned untreated cells (Frisch-Waugh-Lovell).
  let beta: readonly number[] = [];
  let xtxInv: readonly (readonly number[])[] = [];
  let x0Tilde: Float64Array[] = [];
  if (k > 0) {
    x0Tilde = cov.map((c) => Float64Array.from(untreated, (i) => c[i]));
    const yTilde = Float64Array.from(y0);
    const u0 = untreated.map((i) => data.unit[i]);
    const t0 = untreated.map((i) => data.time[i]);
    if (!demeanTwoWay([yTilde, ...x0Tilde], u0, t0)) {
      return fail('not_converged', 'alternating projections did not converge', N1, N0);
    }
    const fit = leastSquaresQr(
      untreated.map((_, r) => x0Tilde.map((c) => c[r])),
      Array.from(yTilde),
    );
    if (!fit.full_rank) {
      return fail(
        'singular_design',
        'covariates are collinear with the unit and period effects',
        N1,
        N0,
      );
    }
    beta = fit.beta;
    xtxInv = fit.xtx_inv;
  }
  const xb = (i: number): number => {
    let s = 0;
    for (let j = 0; j < k; j++) s += cov[j][i] * beta[j];
    return s;
  };
  // Fixed effects of Y − xβ̂ on Ω₀.
  const alpha = new Float64Array(units);
  const lambda = new Float64Array(periods);
  const bu = new Float64Array(units);
  const bt = new Float64Array(periods);
  for (const i of untreated) {
    const r = data.outcome[i] - xb(i);
    bu[unit[i]] += r;
    bt[rank[i]] += r;
  }
  if (!solveFixedEffects(rows0, unit, rank, bu, bt, alpha, lambda)) {
    return fail('not_converged', 'the fixed effects did not converge', N1, N0);
  }
  const tau = treatedRows.map((i) => data.outcome[i] - xb(i) - alpha[unit[i]] - lambda[rank[i]]);
  let att = 0;
  for (const t of tau) att += t / N1;
  // Weights v₀ on the untreated cells (module doc).
  const au = new Float64Array(units);
  const at = new Float64Array(periods);
  bu.fill(0);
  bt.fill(0);
  for (const i of treatedRows) {
    bu[unit[i]] += 1 / N1;
    bt[rank[i]] += 1 / N1;
  }
  if (!solveFixedEffects(rows0, unit, rank, bu, bt, au, at)) {
    return fail('not_converged', 'the variance weights did not converge', N1, N0);
  }
  const zTheta = untreated.map((i) => au[unit[i]] + at[rank[i]]);
  const aBeta = new Array<number>(k).fill(0);
  if (k > 0) {
    const rhs = cov.map((c) => {
      let s = 0;
      for (const i of treatedRows) s += c[i] / N1;
      untreated.forEach((i, r) => (s -= c[i] * zTheta[r]));
      return s;
    });
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) aBeta[a] += xtxInv[a][b] * rhs[b];
  }
  // Cluster scores Σ_t v ε̃ per unit.
  const score = new Float64Array(units);
  untreated.forEach((i, r) => {
    let v = -zTheta[r];
    for (let j = 0; j < k; j++) v -= x0Tilde[j][r] * aBeta[j];
    const e = data.outcome[i] - xb(i) - alpha[unit[i]] - lambda[rank[i]];
    score[unit[i]] += v * e;
  });
  const cohortSum = new Map<number, [number, number]>();
  treatedRows.forEach((i, r) => {
    const c = cohortSum.get(g[unit[i]]) ?? [0, 0];
    cohortSum.set(g[unit[i]], [c[0] + tau[r], c[1] + 1]);
  });
  treatedRows.forEach((i, r) => {
    const [s, c] = cohortSum.get(g[unit[i]]) as [number, number];
    score[unit[i]] += (tau[r] - s / c) / N1;
  });
  const used = new Set<number>();
  for (const i of untreated) used.add(unit[i]);
  for (const i of treatedRows) used.add(unit[i]);
  const G = used.size;
  if (G < 2) return fail('insufficient_data', 'need >= 2 units', N1, N0);
  let ss = 0;
  for (const v of score) ss += v * v;
  const reasons: string[] = [];
  if (reverted > 0) {
    reasons.push(
      `${reverted} cells untreated after their unit's first treated period left out (treatment taken as absorbing)`,
    );
  }
  if (unidentified > 0) {
    reasons.push(
      `${unidentified} treated cells left out: no untreated cell identifies their unit or period effect`,
    );
  }
  return makeEffect(
    {
      method: 'did_imputation',
      estimand: 'ATT',
      estimate: att,
      std_error: sqrt((G / (G - 1)) * ss),
      n: N0 + N1,
      n_treated: N1,
      n_control: N0,
      status: 'ok',
      reasons,
    },
    settings.alpha,
    { n_clusters: G, cohorts: cohortSum.size },
  );
}
