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

const { exp, log, log1p } = Math;

/** Bernoulli deviance of the treatment at coefficients `beta` over the design columns. */
function devianceAt(
  columns: readonly (readonly number[])[],
  t: readonly number[],
  beta: readonly number[],
): number {
  let d = 0;
  for (let i = 0; i < t.length; i++) {
    let eta = 0;
    for (let j = 0; j < columns.length; j++) eta += beta[j] * columns[j][i];
    const softplus = eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta));
    d += 2 * (softplus - t[i] * eta);
  }
  return d;
}

/**
 * The IRLS start of a refit near `warm` (refuters refit nearly the same model): `warm`'s
 * coefficients matched by name (a new covariate starts at 0), or the intercept-only answer
 * logit(mean T) with zero slopes (the right guess for a permuted treatment), whichever has the
 * lower deviance on `data`. Either start converges to the same maximum as a cold one.
 */
function warmStart(
  data: CausalData,
  names: readonly string[],
  columns: readonly (readonly number[])[],
  warm: PropensityModel,
): number[] | undefined {
  if (warm.status !== 'ok') return undefined;
  const at = new Map(warm.names.map((name, j) => [name, warm.coefficients[j]]));
  const mapped = names.map((name) => at.get(name) ?? 0);
  const share = data.treatment.reduce((a, b) => a + b, 0) / data.treatment.length;
  const marginal = names.map((_, j) => (j === 0 ? log(share / (1 - share)) : 0));
  if (!mapped.every(Number.isFinite) || !marginal.every(Number.isFinite)) return undefined;
  return devianceAt(columns, data.treatment, mapped) <=
    devianceAt(columns, data.treatment, marginal)
    ? mapped
    : marginal;
}

/**
 * Fits the propensity model; data problems come back in `status`/`reasons`. `warm`: a model
 * fitted on nearly the same data (see `warmStart`), to start IRLS near the answer.
 */
export function fitPropensity(
  data: CausalData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
  warm?: PropensityModel,
): PropensityModel {
  return deepFreeze(transientPropensity(data, settings, warm));
}

/**
 * `fitPropensity` not frozen, for a model that lives and dies inside one estimate (a refuter's
 * refit, the refit on a trimmed sample) and is never handed out. Why: freezing an array of
 * numbers makes V8 box every element (a 2·10⁵-long array becomes 2·10⁵ heap numbers: about
 * 50 ms, slower reads, and garbage the collector must trace), and the nightly's refits froze
 * two such arrays each.
 */
export function transientPropensity(
  data: CausalData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
  warm?: PropensityModel,
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
    return { ...empty, status: check.status, reasons: check.reasons };
  }
  const design = designColumns(data);
  const start = warm === undefined ? undefined : warmStart(data, names, design.columns, warm);
  const fit = logistic(design, data.treatment, {
    lambda: settings.propensity_lambda,
    names,
    ...(start === undefined ? {} : { start }),
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
      return { ...model, status: 'ok', reasons: [] };
    case 'separation':
      return {
        ...model,
        status: 'separation',
        reasons: [`propensity model: ${fit.reason}; treated and control units do not overlap`],
      };
    case 'singular_design':
      return {
        ...empty,
        status: 'singular_design',
        reasons: [`propensity model: ${fit.reason}`],
      };
    case 'not_converged':
      return {
        ...model,
        status: 'not_converged',
        reasons: [`propensity model: ${fit.reason}`],
      };
    default:
      return {
        ...empty,
        status: 'insufficient_data',
        reasons: [`propensity model: ${fit.reason}`],
      };
  }
}

/**
 * The model's scores and logits at the units `index`, for estimating on a trimmed sample inside
 * one estimate: not frozen, like `transientPropensity`.
 */
export function restrictModel(model: PropensityModel, index: readonly number[]): PropensityModel {
  return {
    ...model,
    scores: index.map((i) => model.scores[i]),
    logits: index.map((i) => model.logits[i]),
  };
}
