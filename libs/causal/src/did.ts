/**
 * Difference-in-differences (Angrist & Pischke 2009, §5.2; Cameron & Miller 2015 for the
 * clustered errors).
 *
 * 2×2: Y = a + b·G + c·Post + τ·G·Post + e by OLS, so that exactly
 *   τ̂ = (Ȳ_{G=1,Post=1} − Ȳ_{G=1,Post=0}) − (Ȳ_{G=0,Post=1} − Ȳ_{G=0,Post=0}),
 *   SE cluster-robust (CR1) by `clusters` (the unit) when given, else HC1.
 *
 * Two-way fixed effects: Y_it = α_i + λ_t + τ D_it + x_itᵀβ + e_it by `twfeRegression`
 * (twfe.ts: alternating projections, unit-clustered CR1 errors).
 * With a staggered rollout and heterogeneous effects TWFE is a weighted average that can
 * mislead (Goodman-Bacon 2021, J. Econometrics 225); status stays 'ok' but the reason says so.
 */
import { ols } from '@hirelearn/stats';
import { failedEffect, makeEffect } from './effect';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { twfeRegression } from './twfe';
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
  let nTreated = 0;
  for (const v of data.treated) if (v !== 0) nTreated++;
  if (nTreated === 0)
    return failed('did_twfe', n, 'no_treated', 'no treated observation', settings.alpha);
  const fit = twfeRegression(
    data.outcome,
    [data.treated, ...cov.map(([, c]) => c)],
    data.unit,
    data.time,
  );
  if (fit.status !== 'ok') {
    const reason =
      fit.status === 'singular_design'
        ? 'treatment is collinear with the unit and period effects (or the covariates)'
        : fit.reason;
    return failed('did_twfe', n, fit.status, reason, settings.alpha);
  }
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
      std_error: Math.sqrt(fit.vcov[0][0]),
      n,
      n_treated: nTreated,
      n_control: n - nTreated,
      status: 'ok',
      reasons: staggered
        ? [
            'treatment timing varies across units: under heterogeneous effects TWFE mixes comparisons with possibly negative weights (Goodman-Bacon 2021); didStaggered compares each cohort with not-yet-treated units only',
          ]
        : [],
    },
    settings.alpha,
    { n_clusters: fit.n_clusters },
  );
}
