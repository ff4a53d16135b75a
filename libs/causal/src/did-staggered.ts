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
import { PanelTiming, panelTiming } from './panel-timing';
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
export function solveFixedEffects(
  rows: readonly number[],
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

/** Why the panel cannot be used (status 'invalid_input'), or null. */
export function panelProblem(data: PanelData, cov: readonly (readonly number[])[]): string | null {
  const n = data.outcome.length;
  if ([data.treated, data.unit, data.time, ...cov].some((c) => c.length !== n)) {
    return 'every column needs one value per outcome';
  }
  if (![data.outcome, ...cov].every((c) => c.every(Number.isFinite))) {
    return 'outcome and covariates must be finite';
  }
  if (!data.treated.every((d) => d === 0 || d === 1)) {
    return 'treated must be 0/1 for the staggered estimator';
  }
  return null;
}

/** The cells the estimator uses (row indices) and the counts of those it leaves out. */
export interface PanelCells {
  /** Ω₀: untreated cells up to their unit's first treated period. */
  readonly untreated: readonly number[];
  /** Ω₁: treated cells whose α_i and λ_t the untreated cells identify. */
  readonly treated: readonly number[];
  /** Untreated cells after their unit's first treated period (treatment taken as absorbing). */
  readonly reverted: number;
  /** Treated cells whose unit and period are not connected through untreated cells. */
  readonly unidentified: number;
}

/**
 * Splits the rows into Ω₀ and Ω₁ (module doc). A treated cell (i, t) is identified when unit i
 * and period t are connected in the bipartite graph whose edges are the untreated cells: a
 * union-find over units 0..U−1 and periods U.. built from Ω₀.
 */
export function partitionCells(treated: readonly number[], timing: PanelTiming): PanelCells {
  const { unit, units, rank, periods, first_treated: g } = timing;
  const parent = Int32Array.from({ length: units + periods }, (_, i) => i);
  const untreated: number[] = [];
  let reverted = 0;
  for (let i = 0; i < treated.length; i++) {
    if (treated[i] === 1) continue;
    if (rank[i] > g[unit[i]]) {
      reverted++;
      continue;
    }
    untreated.push(i);
    parent[root(parent, unit[i])] = root(parent, units + rank[i]);
  }
  const identified: number[] = [];
  let unidentified = 0;
  for (let i = 0; i < treated.length; i++) {
    if (treated[i] !== 1) continue;
    if (root(parent, unit[i]) === root(parent, units + rank[i])) {
      identified.push(i);
    } else unidentified++;
  }
  return { untreated, treated: identified, reverted, unidentified };
}

/** A failed step: the status and reason the estimate reports. */
interface Failure {
  readonly status: CausalStatus;
  readonly reason: string;
}

/** β̂ of the covariates and what the variance needs of that fit. */
export interface CovariateFit {
  readonly beta: readonly number[];
  /** (X̃₀ᵀX̃₀)⁻¹. */
  readonly xtxInv: readonly (readonly number[])[];
  /** The covariates on Ω₀ demeaned two ways, one array per covariate. */
  readonly x0Tilde: readonly Float64Array[];
}

/**
 * β̂ = (X̃₀ᵀX̃₀)⁻¹ X̃₀ᵀỸ₀ with X̃₀, Ỹ₀ the untreated cells demeaned by unit and period
 * (Frisch-Waugh-Lovell: the β of Y = α_i + λ_t + xᵀβ on Ω₀); empty without covariates.
 */
export function covariateFit(
  data: PanelData,
  cov: readonly (readonly number[])[],
  untreated: readonly number[],
): CovariateFit | Failure {
  if (cov.length === 0) return { beta: [], xtxInv: [], x0Tilde: [] };
  const x0Tilde = cov.map((c) => Float64Array.from(untreated, (i) => c[i]));
  const yTilde = Float64Array.from(untreated, (i) => data.outcome[i]);
  const u0 = untreated.map((i) => data.unit[i]);
  const t0 = untreated.map((i) => data.time[i]);
  if (!demeanTwoWay([yTilde, ...x0Tilde], u0, t0)) {
    return { status: 'not_converged', reason: 'alternating projections did not converge' };
  }
  const fit = leastSquaresQr(
    untreated.map((_, r) => x0Tilde.map((c) => c[r])),
    Array.from(yTilde),
  );
  if (!fit.full_rank) {
    return {
      status: 'singular_design',
      reason: 'covariates are collinear with the unit and period effects',
    };
  }
  return { beta: fit.beta, xtxInv: fit.xtx_inv, x0Tilde };
}

/** x_iᵀβ for row i of the covariate columns. */
function covariateIndex(
  cov: readonly (readonly number[])[],
  beta: readonly number[],
  i: number,
): number {
  let s = 0;
  for (let j = 0; j < cov.length; j++) s += cov[j][i] * beta[j];
  return s;
}

/** α̂_i and λ̂_t of the untreated outcome model. */
export interface FixedEffects {
  readonly alpha: Float64Array;
  readonly lambda: Float64Array;
}

/**
 * α̂, λ̂ = argmin Σ_{Ω₀} (Y_it − x_itᵀβ̂ − α_i − λ_t)², by Gauss-Seidel on the normal equations
 * (right-hand sides the unit and period sums of Y − xᵀβ̂ over Ω₀); null when they do not converge.
 */
export function untreatedFixedEffects(
  outcome: readonly number[],
  cov: readonly (readonly number[])[],
  beta: readonly number[],
  untreated: readonly number[],
  timing: PanelTiming,
): FixedEffects | null {
  const { unit, units, rank, periods } = timing;
  const alpha = new Float64Array(units);
  const lambda = new Float64Array(periods);
  const bu = new Float64Array(units);
  const bt = new Float64Array(periods);
  for (const i of untreated) {
    const r = outcome[i] - covariateIndex(cov, beta, i);
    bu[unit[i]] += r;
    bt[rank[i]] += r;
  }
  const ok = solveFixedEffects(untreated, unit, rank, bu, bt, alpha, lambda);
  return ok ? { alpha, lambda } : null;
}

/** τ̂_it = Y_it − (α̂_i + λ̂_t + x_itᵀβ̂) on the treated cells `treated`. */
export function imputedEffects(
  outcome: readonly number[],
  cov: readonly (readonly number[])[],
  beta: readonly number[],
  fe: FixedEffects,
  treated: readonly number[],
  timing: PanelTiming,
): number[] {
  const { unit, rank } = timing;
  return treated.map(
    (i) => outcome[i] - covariateIndex(cov, beta, i) - fe.alpha[unit[i]] - fe.lambda[rank[i]],
  );
}

/**
 * The weights v₀ of the untreated cells in τ̂ = Σ v Y (module doc): v₀ = −(Z₀ a_θ + X̃₀ a_β) with
 * Z₀ᵀZ₀ a_θ = Z₁ᵀv₁ (v₁ = 1/N₁, solved like the fixed effects) and
 * a_β = (X̃₀ᵀX̃₀)⁻¹ (X₁ᵀv₁ − X₀ᵀZ₀ a_θ); one per untreated cell, null when a_θ does not converge.
 */
export function untreatedWeights(
  cov: readonly (readonly number[])[],
  fit: CovariateFit,
  cells: PanelCells,
  timing: PanelTiming,
): number[] | null {
  const { unit, units, rank, periods } = timing;
  const { untreated, treated } = cells;
  const N1 = treated.length;
  const k = cov.length;
  const au = new Float64Array(units);
  const at = new Float64Array(periods);
  const bu = new Float64Array(units);
  const bt = new Float64Array(periods);
  for (const i of treated) {
    bu[unit[i]] += 1 / N1;
    bt[rank[i]] += 1 / N1;
  }
  if (!solveFixedEffects(untreated, unit, rank, bu, bt, au, at)) return null;
  const v0 = untreated.map((i) => au[unit[i]] + at[rank[i]]);
  const aBeta = new Array<number>(k).fill(0);
  if (k > 0) {
    const rhs = cov.map((c) => {
      let s = 0;
      for (const i of treated) s += c[i] / N1;
      untreated.forEach((i, r) => (s -= c[i] * v0[r]));
      return s;
    });
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) aBeta[a] += fit.xtxInv[a][b] * rhs[b];
  }
  // Z₀ a_θ becomes −(Z₀ a_θ + X̃₀ a_β) in place (no second array per cell).
  for (let r = 0; r < v0.length; r++) {
    let v = -v0[r];
    for (let j = 0; j < k; j++) v -= fit.x0Tilde[j][r] * aBeta[j];
    v0[r] = v;
  }
  return v0;
}

/**
 * BJS's unit-clustered scores s_i = Σ_t v_it ε̃_it (module doc): ε̃ the Ω₀ residual
 * Y − α̂ − λ̂ − xᵀβ̂ with weight v₀, or on Ω₁ τ̂_it − τ̄_g with weight 1/N₁, τ̄_g the mean τ̂ of
 * the unit's cohort g; and the number of cohorts.
 */
export function clusterScores(
  data: PanelData,
  cov: readonly (readonly number[])[],
  beta: readonly number[],
  fe: FixedEffects,
  v0: readonly number[],
  tau: readonly number[],
  cells: PanelCells,
  timing: PanelTiming,
): { readonly score: Float64Array; readonly cohorts: number } {
  const { unit, units, rank, first_treated: g } = timing;
  const { untreated, treated } = cells;
  const N1 = treated.length;
  const score = new Float64Array(units);
  untreated.forEach((i, r) => {
    const e =
      data.outcome[i] - covariateIndex(cov, beta, i) - fe.alpha[unit[i]] - fe.lambda[rank[i]];
    score[unit[i]] += v0[r] * e;
  });
  const cohortSum = new Map<number, [number, number]>();
  treated.forEach((i, r) => {
    const c = cohortSum.get(g[unit[i]]) ?? [0, 0];
    cohortSum.set(g[unit[i]], [c[0] + tau[r], c[1] + 1]);
  });
  treated.forEach((i, r) => {
    const [s, c] = cohortSum.get(g[unit[i]]) as [number, number];
    score[unit[i]] += (tau[r] - s / c) / N1;
  });
  return { score, cohorts: cohortSum.size };
}

/** G, the number of units (clusters) with a used cell. */
export function usedUnits(cells: PanelCells, unit: Int32Array): number {
  const used = new Set<number>();
  for (const i of cells.untreated) used.add(unit[i]);
  for (const i of cells.treated) used.add(unit[i]);
  return used.size;
}

/** The cluster-robust variance V̂ = G/(G − 1) Σ_i s_i² of G clusters' scores. */
export function clusteredVariance(score: Float64Array, G: number): number {
  let ss = 0;
  for (const v of score) ss += v * v;
  return (G / (G - 1)) * ss;
}

/** The reasons that report the cells left out (module doc). */
function leftOutReasons(cells: PanelCells): string[] {
  const reasons: string[] = [];
  if (cells.reverted > 0) {
    reasons.push(
      `${cells.reverted} cells untreated after their unit's first treated period left out (treatment taken as absorbing)`,
    );
  }
  if (cells.unidentified > 0) {
    reasons.push(
      `${cells.unidentified} treated cells left out: no untreated cell identifies their unit or period effect`,
    );
  }
  return reasons;
}

/** The staggered-adoption ATT by imputation, unit-clustered (module doc). */
export function didStaggered(
  data: PanelData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): StaggeredDidEffect {
  const n = data.outcome.length;
  const cov = Object.values(data.covariates ?? {});
  const fail = (status: CausalStatus, reason: string, n1 = 0, n0 = 0): StaggeredDidEffect =>
    failedEffect(
      'did_imputation',
      'ATT',
      { status, reasons: [reason], n, n_treated: n1, n_control: n0 },
      settings.alpha,
      { n_clusters: null, cohorts: 0 },
    );
  const problem = panelProblem(data, cov);
  if (problem !== null) return fail('invalid_input', problem);

  const timing = panelTiming(data.treated, data.unit, data.time);
  const cells = partitionCells(data.treated, timing);
  const N1 = cells.treated.length;
  const N0 = cells.untreated.length;
  if (N1 === 0) {
    const reason = 'no treated cell whose untreated outcome the untreated cells identify';
    return fail('no_treated', reason, 0, N0);
  }
  if (N0 === 0) return fail('no_control', 'no untreated cell', N1, 0);

  // 1. The untreated outcome model on Ω₀; 2. τ̂ on Ω₁; 3. their mean.
  const fit = covariateFit(data, cov, cells.untreated);
  if ('status' in fit) return fail(fit.status, fit.reason, N1, N0);
  const fe = untreatedFixedEffects(data.outcome, cov, fit.beta, cells.untreated, timing);
  if (fe === null) return fail('not_converged', 'the fixed effects did not converge', N1, N0);
  const tau = imputedEffects(data.outcome, cov, fit.beta, fe, cells.treated, timing);
  let att = 0;
  for (const t of tau) att += t / N1;

  // The variance: τ̂'s weights on Ω₀, the unit-clustered scores, G/(G − 1) Σ s².
  const v0 = untreatedWeights(cov, fit, cells, timing);
  if (v0 === null) return fail('not_converged', 'the variance weights did not converge', N1, N0);
  const { score, cohorts } = clusterScores(data, cov, fit.beta, fe, v0, tau, cells, timing);
  const G = usedUnits(cells, timing.unit);
  if (G < 2) return fail('insufficient_data', 'need >= 2 units', N1, N0);
  return makeEffect(
    {
      method: 'did_imputation',
      estimand: 'ATT',
      estimate: att,
      std_error: sqrt(clusteredVariance(score, G)),
      n: N0 + N1,
      n_treated: N1,
      n_control: N0,
      status: 'ok',
      reasons: leftOutReasons(cells),
    },
    settings.alpha,
    { n_clusters: G, cohorts },
  );
}
