/**
 * The within-unit effect of a binary treatment that varies inside units (a job seeker's
 * weekday or hour of submission): a linear probability model with unit fixed effects,
 *   Y_ui = α_u + τ·T_ui + x_uiᵀβ + e_ui,
 * solved on data demeaned by unit (Frisch-Waugh-Lovell), errors clustered by unit (CR1 with
 * Stata's `xtreg, fe vce(cluster)` factor G/(G−1)·(n−1)/(n−k), the unit effects nested in the
 * clusters and not counted). Why not a propensity model with the unit's treated share
 * (Mundlak 1978): in a linear model with the unit means of *every* regressor that equals the
 * fixed-effects estimate, but inside logistic propensity and outcome models it only
 * approximates it, and a unit-level trait behind the habit leaks through; α_u removes every
 * unit-level confounder, observed or not, by construction. Wooldridge, Econometric Analysis of
 * Cross Section and Panel Data (2010), §10.5 and §10.7.
 *
 * The unit is `data.clusters` (required): refuters re-run the estimator on subsets and
 * permutations, which carry the clusters along. Covariates constant within every unit are
 * absorbed by α_u and listed in `absorbed`. τ̂ weights each unit by its within-unit variance of
 * T; with a constant effect it is the ATE. Units whose rows are all treated or all control
 * carry no information on τ and are counted apart (`informative_units`).
 */
import { checkData } from './data';
import { failedEffect, makeEffect } from './effect';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { grouping, twfeRegression } from './twfe';
import { CausalData, EffectEstimate } from './types';

export interface WithinUnitEffect extends EffectEstimate {
  readonly method: 'within_unit';
  /** Distinct units (fixed effects, clusters). */
  readonly units: number;
  /** Units with both treated and control rows: the only ones that identify τ. */
  readonly informative_units: number;
  /** Covariates constant within every unit, absorbed by the unit effects. */
  readonly absorbed: readonly string[];
  /** Covariates adjusted for (they vary within some unit). */
  readonly adjusted: readonly string[];
}

/** True when `col` takes more than one value inside at least one unit. */
function variesWithinUnit(col: readonly number[], unit: Int32Array, units: number): boolean {
  const first = new Float64Array(units).fill(NaN);
  for (let i = 0; i < col.length; i++) {
    const f = first[unit[i]];
    if (Number.isNaN(f)) first[unit[i]] = col[i];
    else if (f !== col[i]) return true;
  }
  return false;
}

/** Units whose treatment takes both values. */
function unitsWithBothArms(treatment: readonly number[], unit: Int32Array, units: number): number {
  const seen = new Uint8Array(units);
  for (let i = 0; i < treatment.length; i++) seen[unit[i]] |= treatment[i] === 1 ? 2 : 1;
  let both = 0;
  for (const s of seen) if (s === 3) both++;
  return both;
}

/** τ̂ of the unit fixed-effects regression (module doc); data problems are statuses, never throws. */
export function withinUnitEffect(
  data: CausalData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): WithinUnitEffect {
  const check = checkData(data, true, settings.min_per_arm);
  const names = Object.keys(data.covariates);
  const fail = (status: EffectEstimate['status'], reason: string, units = 0, informative = 0) =>
    failedEffect(
      'within_unit',
      'ATE',
      { ...check, status, reasons: [...check.reasons, reason].filter((r) => r !== '') },
      settings.alpha,
      { units, informative_units: informative, absorbed: [], adjusted: names },
    ) as WithinUnitEffect;
  if (check.status !== 'ok') return fail(check.status, '');
  if (data.clusters === undefined) {
    return fail('invalid_input', 'clusters: the unit of each row is required (fixed effects)');
  }
  const { index, count } = grouping(data.clusters);
  const informative = unitsWithBothArms(data.treatment, index, count);
  if (informative === 0) {
    return fail('insufficient_data', 'no unit has both treated and control rows', count, 0);
  }
  const adjusted = names.filter((n) => variesWithinUnit(data.covariates[n], index, count));
  const absorbed = names.filter((n) => !adjusted.includes(n));
  const fit = twfeRegression(
    data.outcome,
    [data.treatment, ...adjusted.map((n) => data.covariates[n])],
    data.clusters,
    null,
  );
  if (fit.status !== 'ok') return fail(fit.status, fit.reason, count, informative);
  return makeEffect(
    {
      method: 'within_unit',
      estimand: 'ATE',
      estimate: fit.beta[0],
      std_error: Math.sqrt(fit.vcov[0][0]),
      n: check.n,
      n_treated: check.n_treated,
      n_control: check.n_control,
      status: 'ok',
      reasons: [],
    },
    settings.alpha,
    { units: count, informative_units: informative, absorbed, adjusted },
  ) as WithinUnitEffect;
}
