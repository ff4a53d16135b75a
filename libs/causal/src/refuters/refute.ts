/**
 * Runs every refuter that applies to one estimate: placebo treatment, random common cause,
 * data subset, and the E-value when a baseline risk (probability-scale outcome) is given.
 */
import { deepFreeze } from '../freeze';
import { CausalData, EffectEstimate, Estimator, Refutation } from '../types';
import { dataSubset } from './data-subset';
import { eValueRefuter } from './e-value';
import { placeboTreatment } from './placebo';
import { randomCommonCause } from './random-common-cause';
import { DEFAULT_REFUTER_SETTINGS, RefuterSettings } from './settings';

export function refuteAll<D extends CausalData>(
  data: D,
  estimator: Estimator<D, EffectEstimate>,
  original: EffectEstimate,
  options: { readonly baseline_risk?: number; readonly settings?: RefuterSettings } = {},
): readonly Refutation[] {
  const s = options.settings ?? DEFAULT_REFUTER_SETTINGS;
  const out = [
    placeboTreatment(data, estimator, s),
    randomCommonCause(data, estimator, original, s),
    dataSubset(data, estimator, original, s),
  ];
  if (options.baseline_risk !== undefined)
    out.push(eValueRefuter(original, options.baseline_risk, s));
  return deepFreeze(out);
}
