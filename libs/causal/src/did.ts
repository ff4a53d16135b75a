/**
 * Difference-in-differences (Angrist & Pischke 2009, §5.2; Cameron & Miller 2015 for the
 * clustered errors).
 *
 * 2×2: Y = a + b·G + c·Post + τ·G·Post + e by OLS, so that exactly
 *   τ̂ = (Ȳ_{G=1,Post=1} − Ȳ_{G=1,Post=0}) − (Ȳ_{G=0,Post=1} − Ȳ_{G=0,Post=0}),
 *   SE cluster-robust (CR1) by `clusters` (the unit) when given, else HC1.
 *
 * Two-way fixed effects: Y_it = α_i + λ_t + τ D_it + x_itᵀβ + e_it, solved by the
 * Frisch-Waugh-Lovell theorem: Y, D and x are demeaned by unit and by period alternately until
 * the means vanish (the method of alternating projections, Guimarães & Portugal 2010, Stata
 * Journal 10(4); exact for unbalanced panels at convergence), then regressed without intercept:
 *   V̂ = G/(G−1) · (n−1)/(n−k) · B [Σ_g s_g s_gᵀ] B,  B = (X̃ᵀX̃)⁻¹,  s_g = Σ_{i∈g} x̃_i ẽ_i,
 * clustered by unit; k counts τ, β and the T − 1 period effects (unit effects are nested in
 * the unit clusters and not counted, as Stata's `reghdfe`).
 * With a staggered rollout and heterogeneous effects TWFE is a weighted average that can
 * mislead (Goodman-Bacon 2021, J. Econometrics 225); status stays 'ok' but the reason says so.
 */
import { leastSquaresQr, ols, sandwich, scoreMeat } from '@hirelearn/stats';
import { failedEffect, makeEffect } from './effect';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { CausalStatus, EffectEstimate } from './types';

export interface DidData {
  readonly outcome: readonly number[];
  /** 1 for units in the treated group (ever treated), else 0. */
  readonly group: readonly number[];
  /** 1 for observations after the change, else 0. */
  readonly post: readonly number[];
  readonly clusters?: readonly (string | number)[];
}

export interface PanelData {
  readonly outcome: readonly number[];
  /** D_it: 1 when unit i is treated in period t. */
  readonly treated: readonly number[];
  readonly unit: readonly (string | number)[];
  readonly time: readonly (string | number)[];
  readonly covariates?: Readonly<Record<string, readonly number[]>>;
}

export interface DidEffect extends EffectEstimate {
  readonly n_clusters: number | null;
}

function failed(
  method: 'did_2x2' | 'did_twfe',
  n: number,
  status: CausalStatus,
  reason: string,
  alpha: number,
): DidEffect {
  const check = { status, reasons: [reason], n, n_treated: 0, n_control: 0 };
  return failedEffect(method, 'ATT', check, alpha, { n_clusters: null });
}

/** 2×2 difference-in-differences by OLS with the interaction (module doc). */
export function did2x2(
  data: DidData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): DidEffect {
  const n = data.outcome.length;
  const cells = [0, 1, 2, 3].map(
    (c) => data.outcome.filter((_, i) => 2 * data.group[i] + data.post[i] === c).length,
  );
  if (data.group.length !== n || data.post.length !== n) {
    return failed(
      'did_2x2',
      n,
      'invalid_input',
      'group and post must have one value per outcome',
      settings.alpha,
    );
  }
  if (![...data.group, ...data.post].every((v) => v === 0 || v === 1)) {
    return failed('did_2x2', n, 'invalid_input', 'group and post must be 0/1', settings.alpha);
  }
  if (cells.some((c) => c === 0)) {
    return failed(
      'did_2x2',
      n,
      'insufficient_data',
      `every group × period cell needs data (counts ${cells.join(', ')})`,
      settings.alpha,
    );
  }
  const X = data.outcome.map((_, i) => [
    1,
    data.group[i],
    data.post[i],
    data.group[i] * data.post[i],
  ]);
  const fit = ols(X, data.outcome, {
    se: data.clusters !== undefined ? 'cluster' : 'hc1',
    clusters: data.clusters,
  });
  if (fit.status !== 'ok') {
    const status: CausalStatus =
      fit.status === 'non_finite_input'
        ? 'invalid_input'
        : fit.status === 'singular_design'
          ? 'singular_design'
          : 'insufficient_data';
    return failed('did_2x2', n, status, fit.reason, settings.alpha);
  }
  return makeEffect(
    {
      method: 'did_2x2',
      estimand: 'ATT',
      estimate: fit.coefficients[3],
      std_error: fit.std_errors[3],
      n,
      n_treated: cells[2] + cells[3],
      n_control: cells[0] + cells[1],
      status: 'ok',
      reasons: [],
    },
    settings.alpha,
    { n_clusters: fit.n_clusters },
  );
}

/** Demeans every column by unit and by period alternately until the largest mean is < tol. */
function demeanTwoWay(
  columns: number[][],
  unit: readonly (string | number)[],
  time: readonly (string | number)[],
  tol = 1e-10,
  maxIter = 10_000,
): boolean {
  const groupIndex = (ids: readonly (string | number)[]): number[] => {
    const m = new Map<string | number, number>();
    return ids.map((id) => {
      if (!m.has(id)) m.set(id, m.size);
      return m.get(id) as number;
    });
  };
  const gu = groupIndex(unit);
  const gt = groupIndex(time);
  const nu = Math.max(...gu) + 1;
  const nt = Math.max(...gt) + 1;
  const demean = (col: number[], g: number[], k: number): number => {
    const s = new Array<number>(k).fill(0);
    const c = new Array<number>(k).fill(0);
    col.forEach((v, i) => {
      s[g[i]] += v;
      c[g[i]]++;
    });
    let worst = 0;
    for (let j = 0; j < k; j++) worst = Math.max(worst, Math.abs(s[j] / c[j]));
    col.forEach((v, i) => (col[i] = v - s[g[i]] / c[g[i]]));
    return worst;
  };
  for (const col of columns) {
    const scale = Math.max(1, ...col.map(Math.abs));
    let converged = false;
    for (let it = 0; it < maxIter && !converged; it++) {
      demean(col, gu, nu);
      converged = demean(col, gt, nt) < tol * scale && it > 0;
    }
    if (!converged) return false;
  }
  return true;
}

/** Two-way fixed-effects DiD with unit-clustered CR1 errors (module doc). */
export function didTwoWayFe(
  data: PanelData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): DidEffect {
  const n = data.outcome.length;
  const cov = Object.entries(data.covariates ?? {});
  if (
    [data.treated.length, data.unit.length, data.time.length, ...cov.map(([, c]) => c.length)].some(
      (l) => l !== n,
    )
  ) {
    return failed(
      'did_twfe',
      n,
      'invalid_input',
      'every column needs one value per outcome',
      settings.alpha,
    );
  }
  if (
    ![data.outcome, data.treated, ...cov.map(([, c]) => c)].every((c) => c.every(Number.isFinite))
  ) {
    return failed(
      'did_twfe',
      n,
      'invalid_input',
      'outcome, treated and covariates must be finite',
      settings.alpha,
    );
  }
  const nTreated = data.treated.filter((v) => v !== 0).length;
  if (nTreated === 0)
    return failed('did_twfe', n, 'no_treated', 'no treated observation', settings.alpha);
  const columns = [data.outcome.slice(), data.treated.slice(), ...cov.map(([, c]) => c.slice())];
  if (!demeanTwoWay(columns, data.unit, data.time)) {
    return failed(
      'did_twfe',
      n,
      'not_converged',
      'alternating projections did not converge',
      settings.alpha,
    );
  }
  const [y, ...xCols] = columns;
  const X = y.map((_, i) => xCols.map((c) => c[i]));
  const fit = leastSquaresQr(X, y);
  if (!fit.full_rank || !(Math.max(...xCols[0].map(Math.abs)) > 1e-9)) {
    return failed(
      'did_twfe',
      n,
      'singular_design',
      'treatment is collinear with the unit and period effects (or the covariates)',
      settings.alpha,
    );
  }
  const e = y.map((v, i) => v - X[i].reduce((s, x, j) => s + x * fit.beta[j], 0));
  const { meat, groups } = scoreMeat(
    X.map((row, i) => row.map((v) => v * e[i])),
    data.unit,
    X[0].length,
  );
  if (groups < 2)
    return failed('did_twfe', n, 'insufficient_data', 'need >= 2 units', settings.alpha);
  const periods = new Set(data.time).size;
  const k = X[0].length + periods - 1;
  const vcov = sandwich(fit.xtx_inv, meat, (groups / (groups - 1)) * ((n - 1) / (n - k)));
  // Staggered timing: ever-treated units differ in how many periods they are treated.
  const treatedPeriods = new Map<string | number, number>();
  data.unit.forEach((u, i) => {
    if (data.treated[i] !== 0) treatedPeriods.set(u, (treatedPeriods.get(u) ?? 0) + 1);
  });
  const staggered = new Set(treatedPeriods.values()).size > 1;
  return makeEffect(
    {
      method: 'did_twfe',
      estimand: 'ATT',
      estimate: fit.beta[0],
      std_error: Math.sqrt(vcov[0][0]),
      n,
      n_treated: nTreated,
      n_control: n - nTreated,
      status: 'ok',
      reasons: staggered
        ? [
            'treatment timing varies across units: under heterogeneous effects TWFE mixes comparisons with possibly negative weights (Goodman-Bacon 2021)',
          ]
        : [],
    },
    settings.alpha,
    { n_clusters: groups },
  );
}
