/**
 * Propensity-score matching for the ATT: each treated unit is matched, with replacement, to
 * the control with the nearest logit propensity, if it lies within the caliper
 * c = caliper_sd · SD(logit ê) (Austin 2011, Pharm. Stat. 10: 0.2 SD of the logit).
 * Treated units without a control inside the caliper are dropped (reported).
 *
 *   τ̂ = (1/N₁) Σ_{matched treated i} (Y_i − Ŷ_i(0))
 *
 * Standard error: Abadie & Imbens (2006, Econometrica 74(1), §4) for matching with
 * replacement, M = 1, population ATT:
 *   V̂ = (1/N₁²) [ Σ_{treated i} (Y_i − Ŷ_i(0) − τ̂)² + Σ_{controls j} (K_j² − K'_j) σ̂²_j ]
 * where Ŷ_i(0) is the mean outcome of i's nearest controls (several when they tie), K_j =
 * Σ_i 1/#J(i) and K'_j = Σ_i 1/#J(i)² over the treated i matched to j (without ties: K_j
 * uses, K_j² − K'_j = K_j(K_j − 1)), and σ̂²_j = ½ (Y_j − Y_l)², l the control nearest
 * to j on the logit (their J = 1 matching variance estimator). Like Stata's `teffects psmatch`
 * without the Abadie-Imbens (2016) adjustment, this treats ê as known; it is unit-level (clusters
 * are not used).
 */
import { sd } from '@hirelearn/stats';
import { checkData } from './data';
import { failedEffect, makeEffect } from './effect';
import { fitPropensity, PropensityModel } from './propensity';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { CausalData, EffectEstimate } from './types';

export interface MatchingEffect extends EffectEstimate {
  readonly caliper: number;
  readonly n_unmatched_treated: number;
  /** Matching weights per unit: 1 for matched treated, K_j for controls, 0 otherwise (for `balanceTable`). */
  readonly weights: readonly number[];
}

/**
 * Indices in `sortedKeys` (ascending) of every element at the smallest distance from `v`:
 * one, or several when keys tie (units with identical covariates share a propensity).
 */
function nearestTies(sortedKeys: readonly number[], v: number): number[] {
  const n = sortedKeys.length;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedKeys[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  const below = lo > 0 ? Math.abs(sortedKeys[lo - 1] - v) : Infinity;
  const d = Math.min(below, Math.abs(sortedKeys[lo] - v));
  let first = lo;
  while (first > 0 && Math.abs(sortedKeys[first - 1] - v) === d) first--;
  let last = first;
  while (last + 1 < n && Math.abs(sortedKeys[last + 1] - v) === d) last++;
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/**
 * Nearest-neighbour matching on the logit propensity with replacement (module doc); tied
 * nearest controls are all used, each with weight 1/#ties (as Stata's `teffects psmatch`).
 * `fitted`: the propensity model already fitted on `data` (saves a refit).
 */
export function psMatching(
  data: CausalData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
  fitted?: PropensityModel,
): MatchingEffect {
  const noExtra = { caliper: NaN, n_unmatched_treated: 0, weights: data.treatment.map(() => 0) };
  const check = checkData(data, true, settings.min_per_arm);
  if (check.status !== 'ok')
    return failedEffect('ps_matching', 'ATT', check, settings.alpha, noExtra);
  const model = fitted ?? fitPropensity(data, settings);
  if (model.status !== 'ok') {
    return failedEffect(
      'ps_matching',
      'ATT',
      { ...check, status: model.status, reasons: model.reasons },
      settings.alpha,
      noExtra,
    );
  }
  const logit = model.logits;
  const y = data.outcome;
  const caliper = settings.caliper_sd * sd(logit);
  const controls = data.treatment
    .flatMap((t, i) => (t === 0 ? [i] : []))
    .sort((a, b) => logit[a] - logit[b]);
  const keys = controls.map((i) => logit[i]);
  // K_j = Σ_i 1/#J(i) and K'_j = Σ_i 1/#J(i)² over the treated i whose matches J(i) hold j.
  const used = new Map<number, { k: number; k2: number }>();
  const diffs: number[] = [];
  const weights = data.treatment.map(() => 0);
  let unmatched = 0;
  data.treatment.forEach((t, i) => {
    if (t !== 1) return;
    const matches = nearestTies(keys, logit[i]).map((r) => controls[r]);
    if (Math.abs(logit[matches[0]] - logit[i]) > caliper) {
      unmatched++;
      return;
    }
    const share = 1 / matches.length;
    let counterfactual = 0;
    for (const j of matches) {
      counterfactual += share * y[j];
      weights[j] += share;
      const u = used.get(j) ?? { k: 0, k2: 0 };
      used.set(j, { k: u.k + share, k2: u.k2 + share * share });
    }
    diffs.push(y[i] - counterfactual);
    weights[i] = 1;
  });
  const n1 = diffs.length;
  if (n1 === 0) {
    return failedEffect(
      'ps_matching',
      'ATT',
      {
        ...check,
        status: 'no_matches',
        reasons: [`no treated unit has a control within the caliper ${caliper.toPrecision(3)}`],
      },
      settings.alpha,
      { ...noExtra, caliper, n_unmatched_treated: unmatched },
    );
  }
  const tau = diffs.reduce((s, d) => s + d, 0) / n1;
  let v = diffs.reduce((s, d) => s + (d - tau) ** 2, 0);
  controls.forEach((j, r) => {
    const u = used.get(j);
    const excess = u ? u.k * u.k - u.k2 : 0;
    if (excess <= 0) return;
    const prev = r > 0 ? controls[r - 1] : -1;
    const next = r + 1 < controls.length ? controls[r + 1] : -1;
    const l =
      prev < 0 || (next >= 0 && logit[next] - logit[j] < logit[j] - logit[prev]) ? next : prev;
    if (l >= 0) v += excess * 0.5 * (y[j] - y[l]) ** 2;
  });
  const reasons: string[] = [];
  if (unmatched > 0) {
    reasons.push(`${unmatched} treated unit(s) had no control within the caliper and were dropped`);
  }
  if (data.clusters !== undefined) {
    reasons.push('matching standard error is unit-level (Abadie-Imbens); clusters not used');
  }
  return makeEffect(
    {
      method: 'ps_matching',
      estimand: 'ATT',
      estimate: tau,
      std_error: Math.sqrt(v) / n1,
      n: n1 + used.size,
      n_treated: n1,
      n_control: used.size,
      status: 'ok',
      reasons,
    },
    settings.alpha,
    { caliper, n_unmatched_treated: unmatched, weights },
  );
}
