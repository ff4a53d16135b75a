/**
 * Inverse propensity weighting, Hajek (normalized) form, for the ATE and the ATT.
 *
 *   ATE: μ̂_1 = Σ T_i Y_i / e_i ÷ Σ T_i / e_i,   μ̂_0 = Σ (1−T_i) Y_i/(1−e_i) ÷ Σ (1−T_i)/(1−e_i)
 *   ATT: μ̂_1 = mean of Y over treated,       μ̂_0 = Σ (1−T_i) w_i Y_i ÷ Σ (1−T_i) w_i,  w = e/(1−e)
 *   τ̂ = μ̂_1 − μ̂_0   (Hirano, Imbens & Ridder 2003, Econometrica 71(4); Imbens 2004, REStat 86).
 *
 * Sandwich standard error by stacking the logistic score with the Hajek estimating equations
 * ψ_i = w_i(β)(Y_i − μ) (Lunceford & Davidian 2004, Stat. Med. 23, §3.2), so the uncertainty of
 * the estimated propensity is accounted for:
 *   φ_i = [w_i (Y_i − μ̂) + gᵀ V S_i] / w̄,   g = Σ_j ∂w_j/∂β (Y_j − μ̂),
 *   S_i = (T_i − e_i) x_i,   V = (Σ e(1−e) x xᵀ)⁻¹,   w̄ = mean w
 * and se = √(Σ φ²)/n (clustered: summed by cluster, see effect.ts).
 */
import type { ColumnDesign } from '@hirelearn/stats';
import { checkData, designColumns, subsetData } from './data';
import { failedEffect, influenceStdError } from './effect';
import { checkOverlap } from './overlap';
import { fitPropensity, PropensityModel, transientPropensity } from './propensity';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { overlapEffect, trimmedEffect } from './overlap-effect';
import { CausalData, EffectEstimate } from './types';

export type IpwEstimand = 'ATE' | 'ATT';

export interface IpwEffect extends EffectEstimate {
  /** Share of units with propensity inside the overlap bounds. */
  readonly overlap_share: number;
  /** Largest normalized weight share max_i w_i / Σ w in either arm (a fragility signal). */
  readonly max_weight_share: number;
}

/** Per-unit IPW weights: ATE 1/e or 1/(1−e); ATT 1 for treated and e/(1−e) for controls. */
export function ipwWeights(
  scores: readonly number[],
  treatment: readonly number[],
  estimand: IpwEstimand,
): number[] {
  return scores.map((e, i) => {
    if (treatment[i] === 1) return estimand === 'ATE' ? 1 / e : 1;
    return estimand === 'ATE' ? 1 / (1 - e) : e / (1 - e);
  });
}

/** ∂w_i/∂β = dw_i · x_i for the logistic propensity: the scalar dw_i. */
function weightDerivative(e: number, t: number, estimand: IpwEstimand): number {
  if (t === 1) return estimand === 'ATE' ? -(1 - e) / e : 0;
  // Controls: ∂/∂β of 1/(1−e) (ATE) and of e/(1−e) (ATT) are both e/(1−e) · x.
  return e / (1 - e);
}

/** Hajek mean of y over units with `inArm`, and its influence values (module doc). */
function hajekMean(
  y: readonly number[],
  w: readonly number[],
  dw: readonly number[],
  inArm: readonly boolean[],
  X: ColumnDesign,
  model: PropensityModel,
  treatment: readonly number[],
): { mu: number; phi: number[] } {
  const n = y.length;
  const cols = X.columns;
  const k = cols.length;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    if (!inArm[i]) continue;
    sw += w[i];
    swy += w[i] * y[i];
  }
  const mu = swy / sw;
  const g = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    if (!inArm[i]) continue;
    const c = dw[i] * (y[i] - mu);
    for (let j = 0; j < k; j++) g[j] += c * cols[j][i];
  }
  const gV = model.vcov[0].map((_, b) => g.reduce((s, ga, a) => s + ga * model.vcov[a][b], 0));
  const wbar = sw / n;
  const phi = y.map((yi, i) => {
    const s = treatment[i] - model.scores[i];
    let corr = 0;
    for (let j = 0; j < k; j++) corr += gV[j] * s * cols[j][i];
    return ((inArm[i] ? w[i] * (yi - mu) : 0) + corr) / wbar;
  });
  return { mu, phi };
}

interface TrimmedRefit {
  readonly data: CausalData;
  readonly settings: CausalSettings;
  readonly sub: CausalData;
  readonly model: PropensityModel;
}

/** The last trimmed refit of each full-sample model: the ATE and the ATT of one question share it. */
const TRIMMED = new WeakMap<PropensityModel, TrimmedRefit>();

/**
 * The propensity refitted on the overlap region `index` (IPW weights must come from a model of
 * the units they weight), started from the full-sample fit; computed once per model, data and
 * settings.
 */
function trimmedRefit(
  data: CausalData,
  model: PropensityModel,
  index: readonly number[],
  settings: CausalSettings,
): TrimmedRefit {
  const hit = TRIMMED.get(model);
  if (hit !== undefined && hit.data === data && hit.settings === settings) return hit;
  const sub = subsetData(data, index);
  const refit = { data, settings, sub, model: transientPropensity(sub, settings, model) };
  TRIMMED.set(model, refit);
  return refit;
}

/**
 * Hajek IPW estimate of the ATE or ATT with the stacked sandwich SE (module doc). `fitted`: the
 * propensity model already fitted on `data` (saves a refit).
 */
export function ipw(
  data: CausalData,
  estimand: IpwEstimand = 'ATE',
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
  fitted?: PropensityModel,
): IpwEffect {
  const noExtra = { overlap_share: NaN, max_weight_share: NaN };
  const check = checkData(data, true, settings.min_per_arm);
  if (check.status !== 'ok')
    return failedEffect('ipw_hajek', estimand, check, settings.alpha, noExtra);
  const model = fitted ?? fitPropensity(data, settings);
  if (model.status !== 'ok') {
    return failedEffect(
      'ipw_hajek',
      estimand,
      { ...check, status: model.status, reasons: model.reasons },
      settings.alpha,
      noExtra,
    );
  }
  const overlap = checkOverlap(model.scores, data.treatment, settings);
  if (settings.trim && overlap.n_outside > 0) {
    const refit = trimmedRefit(data, model, overlap.in_bounds, settings);
    const trimmed = ipw(refit.sub, estimand, { ...settings, trim: false }, refit.model);
    return trimmedEffect(trimmed, overlap, settings.alpha, {
      max_weight_share: trimmed.max_weight_share,
    });
  }
  const t = data.treatment;
  const y = data.outcome;
  const X = designColumns(data);
  const w = ipwWeights(model.scores, t, estimand);
  const dw = model.scores.map((e, i) => weightDerivative(e, t[i], estimand));
  const treated = t.map((v) => v === 1);
  const control = t.map((v) => v === 0);
  const m1 = hajekMean(y, w, dw, treated, X, model, t);
  const m0 = hajekMean(y, w, dw, control, X, model, t);
  const phi = m1.phi.map((v, i) => v - m0.phi[i]);
  const sum = (arm: readonly boolean[]): number => w.reduce((s, wi, i) => s + (arm[i] ? wi : 0), 0);
  const sumT = sum(treated);
  const sumC = sum(control);
  const maxShare = w.reduce((m, wi, i) => Math.max(m, wi / (treated[i] ? sumT : sumC)), 0);
  const fit = { estimate: m1.mu - m0.mu, std_error: influenceStdError(phi, data.clusters) };
  return overlapEffect('ipw_hajek', estimand, fit, check, overlap, settings.alpha, {
    max_weight_share: maxShare,
  });
}
