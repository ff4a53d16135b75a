/**
 * Propensity score e(x) = P(T = 1 | x) by logistic regression of the treatment on an
 * intercept and the covariates (Rosenbaum & Rubin 1983, Biometrika 70(1)), fitted by
 * `logistic` from @hirelearn/stats. Perfect or quasi-complete separation means some units
 * have e(x) = 0 or 1 — no overlap — and comes back as status 'separation'.
 */
import { logistic } from '@hirelearn/stats';
import { checkData, designColumns } from './data';
import { deepFreeze } from './freeze';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { CausalData, CausalStatus } from './types';

export interface PropensityModel {
  readonly status: CausalStatus;
  readonly reasons: readonly string[];
  /** 'intercept' followed by the covariate names, in the order of `coefficients`. */
  readonly names: readonly string[];
  readonly coefficients: readonly number[];
  /** Model-based covariance (Σ e(1−e) x xᵀ + λ P)⁻¹ of the coefficients. */
  readonly vcov: readonly (readonly number[])[];
  /** Fitted e(x_i), one per unit. */
  readonly scores: readonly number[];
  /** log(e / (1 − e)) per unit, the scale matching works on. */
  readonly logits: readonly number[];
}

/** Fits the propensity model; data problems come back in `status`/`reasons`. */
export function fitPropensity(
  data: CausalData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): PropensityModel {
  const names = ['intercept', ...Object.keys(data.covariates)];
  const check = checkData(data, true, settings.min_per_arm);
  const empty = {
    names,
    coefficients: names.map(() => NaN),
    vcov: names.map(() => names.map(() => NaN)),
    scores: data.treatment.map(() => NaN),
    logits: data.treatment.map(() => NaN),
  };
  if (check.status !== 'ok') {
    return deepFreeze({ ...empty, status: check.status, reasons: check.reasons });
  }
  const fit = logistic(designColumns(data), data.treatment, {
    lambda: settings.propensity_lambda,
    names,
  });
  const scores = fit.fitted.slice();
  const model = {
    names,
    coefficients: fit.coefficients.slice(),
    vcov: fit.vcov.map((r) => r.slice()),
    scores,
    logits: scores.map((p) => Math.log(p / (1 - p))),
  };
  switch (fit.status) {
    case 'ok':
      return deepFreeze({ ...model, status: 'ok', reasons: [] });
    case 'separation':
      return deepFreeze({
        ...model,
        status: 'separation',
        reasons: [`propensity model: ${fit.reason}; treated and control units do not overlap`],
      });
    case 'singular_design':
      return deepFreeze({
        ...empty,
        status: 'singular_design',
        reasons: [`propensity model: ${fit.reason}`],
      });
    case 'not_converged':
      return deepFreeze({
        ...model,
        status: 'not_converged',
        reasons: [`propensity model: ${fit.reason}`],
      });
    default:
      return deepFreeze({
        ...empty,
        status: 'insufficient_data',
        reasons: [`propensity model: ${fit.reason}`],
      });
  }
}

/** The model's scores and logits at the units `index` (for estimating on a trimmed sample). */
export function restrictModel(model: PropensityModel, index: readonly number[]): PropensityModel {
  return deepFreeze({
    ...model,
    scores: index.map((i) => model.scores[i]),
    logits: index.map((i) => model.logits[i]),
  });
}
