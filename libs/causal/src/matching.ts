/**
 * Propensity-score matching for the ATT: each treated unit is matched, with replacement, to
 * the control with the nearest logit propensity, if it lies within the caliper
 * c = caliper_sd · SD(logit ê) (Austin 2011, Pharm. Stat. 10: 0.2 SD of the logit).
 * Treated units without a control inside the caliper are dropped (reported).
 *
 *   τ̂ = (1/N₁) Σ_{matched treated i} (Y_i − Y_{j(i)})
 *
 * Standard error: Abadie & Imbens (2006, Econometrica 74(1), §4) for matching with
 * replacement, M = 1, population ATT:
 *   V̂ = (1/N₁²) [ Σ_{treated i} (Y_i − Y_{j(i)} − τ̂)² + Σ_{controls j} K_j (K_j − 1) σ̂²_j ]
 * where K_j is how often control j is used and σ̂²_j = ½ (Y_j − Y_l)², l the control nearest
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

/** Index in `sorted` (ascending by key) of the element nearest to `v`. */
function nearest(sortedKeys: readonly number[], v: number): number {
  let lo = 0;
  let hi = sortedKeys.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedKeys[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(sortedKeys[lo - 1] - v) <= Math.abs(sortedKeys[lo] - v)) return lo - 1;
  return lo;
}

/**
 * 1:1 nearest-neighbour matching on the logit propensity with replacement (module doc).
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
  const used = new Map<number, number>();
  const diffs: number[] = [];
  const weights = data.treatment.map(() => 0);
  let unmatched = 0;
  data.treatment.forEach((t, i) => {
    if (t !== 1) return;
    const j = controls[nearest(keys, logit[i])];
    if (Math.abs(logit[j] - logit[i]) > caliper) {
      unmatched++;
      return;
    }
    diffs.push(y[i] - y[j]);
    weights[i] = 1;
    weights[j] += 1;
    used.set(j, (used.get(j) ?? 0) + 1);
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
    const k = used.get(j) ?? 0;
    if (k < 2) return;
    const prev = r > 0 ? controls[r - 1] : -1;
    const next = r + 1 < controls.length ? controls[r + 1] : -1;
    const l =
      prev < 0 || (next >= 0 && logit[next] - logit[j] < logit[j] - logit[prev]) ? next : prev;
    if (l >= 0) v += k * (k - 1) * 0.5 * (y[j] - y[l]) ** 2;
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
