/**
 * Doubly robust augmented inverse propensity weighting (AIPW) for the ATE (Robins, Rotnitzky
 * & Zhao 1994, JASA 89; Glynn & Quinn 2010, Political Analysis 18):
 *
 *   ψ_i = m̂_1(x_i) − m̂_0(x_i) + T_i (Y_i − m̂_1(x_i)) / ê_i − (1 − T_i)(Y_i − m̂_0(x_i)) / (1 − ê_i)
 *   τ̂ = mean ψ_i,   φ_i = ψ_i − τ̂,   se = √(Σ φ_i²) / n   (Σ over clusters when given)
 *
 * m̂_t is an OLS regression of Y on the covariates within arm t (a linear-probability model
 * for 0/1 outcomes); ê is the logistic propensity. Consistent when either model is right;
 * the influence-function SE needs no correction for the estimated nuisances (Neyman
 * orthogonality) when both are consistent.
 */
import { ColumnDesign, ols } from '@hirelearn/stats';
import { checkData, designColumns, subsetData } from './data';
import { failedEffect, influenceStdError } from './effect';
import { checkOverlap } from './overlap';
import { fitPropensity, PropensityModel, restrictModel } from './propensity';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { overlapEffect, trimmedEffect } from './overlap-effect';
import { CausalData, EffectEstimate } from './types';

export interface AipwEffect extends EffectEstimate {
  readonly overlap_share: number;
}

/**
 * Per-arm OLS fits predicted for every unit, or the reason they failed: the arm's rows enter
 * with weight 1, the others with weight 0 (dropped from the fit, predicted all the same).
 */
function armPredictions(
  X: ColumnDesign,
  data: CausalData,
  arm: number,
): { ok: true; pred: readonly number[] } | { ok: false; reason: string } {
  const fit = ols(X, data.outcome, { weights: data.treatment.map((t) => (t === arm ? 1 : 0)) });
  if (fit.status !== 'ok')
    return { ok: false, reason: `outcome model (arm ${arm}): ${fit.reason}` };
  return { ok: true, pred: fit.fitted };
}

/**
 * AIPW estimate of the ATE with the influence-function SE (module doc). `fitted`: the propensity
 * model already fitted on `data` by `fitPropensity` (saves a refit when several estimators share it).
 */
export function aipw(
  data: CausalData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
  fitted?: PropensityModel,
): AipwEffect {
  const noExtra = { overlap_share: NaN };
  const check = checkData(data, true, settings.min_per_arm);
  if (check.status !== 'ok') return failedEffect('aipw', 'ATE', check, settings.alpha, noExtra);
  const model = fitted ?? fitPropensity(data, settings);
  if (model.status !== 'ok') {
    return failedEffect(
      'aipw',
      'ATE',
      { ...check, status: model.status, reasons: model.reasons },
      settings.alpha,
      noExtra,
    );
  }
  const overlap = checkOverlap(model.scores, data.treatment, settings);
  if (settings.trim && overlap.n_outside > 0) {
    // Crump et al. (2009): the propensity fitted on all units, the effect on the region.
    const trimmed = aipw(
      subsetData(data, overlap.in_bounds),
      { ...settings, trim: false },
      restrictModel(model, overlap.in_bounds),
    );
    return trimmedEffect(trimmed, overlap, settings.alpha, {});
  }
  const X = designColumns(data);
  const m1 = armPredictions(X, data, 1);
  const m0 = armPredictions(X, data, 0);
  if (!m1.ok || !m0.ok) {
    const reason = [m1, m0].flatMap((m) => (m.ok ? [] : [m.reason]));
    return failedEffect(
      'aipw',
      'ATE',
      { ...check, status: 'insufficient_data', reasons: reason },
      settings.alpha,
      noExtra,
    );
  }
  const t = data.treatment;
  const y = data.outcome;
  const psi = model.scores.map(
    (e, i) =>
      m1.pred[i] -
      m0.pred[i] +
      (t[i] * (y[i] - m1.pred[i])) / e -
      ((1 - t[i]) * (y[i] - m0.pred[i])) / (1 - e),
  );
  const tau = psi.reduce((s, v) => s + v, 0) / psi.length;
  const stdError = influenceStdError(
    psi.map((v) => v - tau),
    data.clusters,
  );
  return overlapEffect(
    'aipw',
    'ATE',
    { estimate: tau, std_error: stdError },
    check,
    overlap,
    settings.alpha,
    {},
  );
}
