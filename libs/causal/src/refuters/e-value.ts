/**
 * E-value (VanderWeele & Ding 2017, Ann. Intern. Med. 167(4)): the minimum strength of
 * association, on the risk-ratio scale, that an unmeasured confounder would need with both
 * treatment and outcome to explain away an observed risk ratio RR:
 *   E = RR + √(RR (RR − 1))   for RR ≥ 1   (for RR < 1 use 1/RR)
 * For a CI, the E-value of the limit nearest 1 (1 when the CI contains 1).
 * Example from the paper: RR = 3.9 → E = 7.26; CI limit 1.8 → 3.0.
 */
import { deepFreeze } from '../freeze';
import { EffectEstimate, Refutation } from '../types';
import { DEFAULT_REFUTER_SETTINGS, RefuterSettings } from './settings';

/** E-value of a risk ratio (NaN for RR ≤ 0 or non-finite). */
export function eValue(rr: number): number {
  if (!(rr > 0) || !Number.isFinite(rr)) return NaN;
  const r = rr < 1 ? 1 / rr : rr;
  return r + Math.sqrt(r * (r - 1));
}

/** E-value of the CI limit nearest the null (1 if the CI contains 1). */
export function eValueOfInterval(lo: number, hi: number): number {
  if (lo <= 1 && hi >= 1) return 1;
  return eValue(lo > 1 ? lo : hi);
}

/**
 * E-value refuter for an effect on a probability (risk-difference) scale: converts with the
 * control-arm risk p₀ to RR = (p₀ + τ)/p₀ (and the CI likewise) and reports the E-value of the
 * estimate and of the CI limit nearest the null.
 *
 * The E-value is a sensitivity measure of a claimed effect, not a test of a null one: it asks
 * how strong an unmeasured confounder would have to be to explain the effect away. So it is
 * judged only where an effect is claimed — the (1 − α) CI excludes 0 — and there it passes when
 * the CI limit's E-value reaches `min_e_value`. Where the CI contains 0 nothing is claimed, the
 * CI limit's E-value is 1 by definition, and the refuter passes with the values reported (a
 * null treatment is held back by its q-value, not by "failing" a sensitivity analysis).
 */
export function eValueRefuter(
  effect: EffectEstimate,
  baselineRisk: number,
  settings: RefuterSettings = DEFAULT_REFUTER_SETTINGS,
): Refutation {
  const toRr = (d: number): number => Math.max(1e-12, baselineRisk + d) / baselineRisk;
  const rr = toRr(effect.estimate);
  const point = eValue(rr);
  const ci = eValueOfInterval(toRr(effect.ci[0]), toRr(effect.ci[1]));
  const valid = baselineRisk > 0 && baselineRisk < 1 && Number.isFinite(point);
  const claimed = effect.ci[0] > 0 || effect.ci[1] < 0;
  const passed = valid && (!claimed || ci >= settings.min_e_value);
  const values = {
    risk_ratio: rr,
    e_value: point,
    e_value_ci: ci,
    effect_claimed: claimed ? 1 : 0,
  };
  const measured = `risk ratio ${rr.toPrecision(3)}: E-value ${point.toPrecision(3)}, ${ci.toPrecision(3)} for the CI limit`;
  return deepFreeze({
    name: 'e_value',
    passed,
    detail: !valid
      ? `no E-value: baseline risk ${baselineRisk} must be in (0, 1) and the estimate finite`
      : claimed
        ? `${measured} (need ${settings.min_e_value} for a claimed effect)`
        : `${measured}; the CI contains 0, no effect is claimed, so the E-value is reported, not judged`,
    values,
  });
}
