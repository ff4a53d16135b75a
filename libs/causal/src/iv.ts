/**
 * Instrumental variables by two-stage least squares (Angrist & Pischke, Mostly Harmless
 * Econometrics, 2009, §4.1; Wooldridge, Econometric Analysis of Cross Section and Panel
 * Data, 2nd ed., §5.2). Treatment D may be continuous; W = [1, covariates] are exogenous.
 *
 *   first stage:  D = W γ + Z π + v          → D̂,  F = π̂ᵀ V̂_π⁻¹ π̂ / q  (robust/clustered Wald F)
 *   second stage: β̂ = argmin ‖Y − X̂ β‖²,  X̂ = [1, D̂, covariates]
 *   residuals with the actual D: u = Y − X β̂,  X = [1, D, covariates]
 *   V̂ = c · (X̂ᵀX̂)⁻¹ [Σ s s ᵀ] (X̂ᵀX̂)⁻¹,  s_i = x̂_i u_i (or summed by cluster)
 *   c = n/(n−k) (HC1) or G/(G−1)·(n−1)/(n−k) (CR1, as `ols`).
 * With one binary instrument and no covariates β̂_D equals the Wald estimator
 * (Ȳ_{Z=1} − Ȳ_{Z=0}) / (D̄_{Z=1} − D̄_{Z=0}). The instrument is weak when F < 10
 * (Staiger & Stock 1997, Econometrica 65(3)); the estimate is still returned, flagged.
 */
import { leastSquaresQr, ols, sandwich, scoreMeat } from '@hirelearn/stats';
import { checkData } from './data';
import { failedEffect, makeEffect } from './effect';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { EffectEstimate, IvData } from './types';

export interface IvEffect extends EffectEstimate {
  readonly first_stage_f: number;
  readonly weak_instrument: boolean;
  readonly n_instruments: number;
}

/** 2SLS estimate of the treatment coefficient with robust or clustered SE (module doc). */
export function iv2sls(data: IvData, settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS): IvEffect {
  const instruments = Object.entries(data.instruments);
  const q = instruments.length;
  const noExtra = { first_stage_f: NaN, weak_instrument: true, n_instruments: q };
  const check = checkData(data, false, settings.min_per_arm);
  const fail = (
    status: 'insufficient_data' | 'singular_design' | 'invalid_input',
    reason: string,
  ): IvEffect =>
    failedEffect(
      'iv_2sls',
      'LATE',
      { ...check, status, reasons: [reason] },
      settings.alpha,
      noExtra,
    );
  if (check.status !== 'ok') return failedEffect('iv_2sls', 'LATE', check, settings.alpha, noExtra);
  if (q === 0) return fail('invalid_input', 'no instrument given');
  const n = check.n;
  for (const [name, col] of instruments) {
    if (col.length !== n || !col.every(Number.isFinite)) {
      return fail('invalid_input', `instrument ${name} must have ${n} finite values`);
    }
  }
  const cov = Object.values(data.covariates);
  const exog = data.outcome.map((_, i) => [1, ...cov.map((c) => c[i])]);
  const firstX = exog.map((row, i) => [...row, ...instruments.map(([, z]) => z[i])]);
  const se = data.clusters !== undefined ? 'cluster' : 'hc1';
  const first = ols(firstX, data.treatment, { se, clusters: data.clusters });
  if (first.status !== 'ok') return fail('singular_design', `first stage: ${first.reason}`);
  const zIdx = instruments.map((_, j) => exog[0].length + j);
  const pi = zIdx.map((j) => first.coefficients[j]);
  const vPi = zIdx.map((a) => zIdx.map((b) => first.vcov[a][b]));
  const vInvPi = leastSquaresQr(vPi, pi, 0).beta;
  const f = pi.reduce((s, p, j) => s + p * vInvPi[j], 0) / q;

  const dHat = first.fitted;
  const xHat = exog.map((row, i) => [row[0], dHat[i], ...row.slice(1)]);
  const second = leastSquaresQr(xHat, data.outcome);
  if (!second.full_rank) {
    return fail(
      'singular_design',
      'second stage: predicted treatment is collinear with the covariates',
    );
  }
  const k = xHat[0].length;
  const beta = second.beta;
  const u = data.outcome.map(
    (yi, i) =>
      yi -
      beta[0] -
      beta[1] * data.treatment[i] -
      exog[i].slice(1).reduce((s, v, j) => s + v * beta[j + 2], 0),
  );
  const scores = xHat.map((row, i) => row.map((v) => v * u[i]));
  const { meat, groups } = scoreMeat(scores, data.clusters ?? null, k);
  if (data.clusters !== undefined && groups < 2) {
    return fail('insufficient_data', `clustered SE needs >= 2 clusters, got ${groups}`);
  }
  const scale =
    data.clusters !== undefined ? (groups / (groups - 1)) * ((n - 1) / (n - k)) : n / (n - k);
  const vcov = sandwich(second.xtx_inv, meat, scale);
  const weak = !(f >= settings.weak_instrument_f);
  return makeEffect(
    {
      method: 'iv_2sls',
      estimand: 'LATE',
      estimate: beta[1],
      std_error: Math.sqrt(vcov[1][1]),
      n,
      n_treated: check.n_treated,
      n_control: check.n_control,
      status: 'ok',
      reasons: weak
        ? [`weak instrument: first-stage F = ${f.toFixed(2)} < ${settings.weak_instrument_f}`]
        : [],
    },
    settings.alpha,
    { first_stage_f: f, weak_instrument: weak, n_instruments: q },
  );
}
