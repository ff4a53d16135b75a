/**
 * Random-common-cause refuter (DoWhy's `random_common_cause`): adding an independent N(0, 1)
 * covariate cannot remove confounding, so the estimate must barely move:
 *   passes when |τ̂_new − τ̂| ≤ tolerance · se(τ̂).
 */
import { createRng } from '@hirelearn/stats';
import { deepFreeze } from '../freeze';
import { CausalData, EffectEstimate, Estimator, Refutation } from '../types';
import { DEFAULT_REFUTER_SETTINGS, RefuterSettings } from './settings';

export function randomCommonCause<D extends CausalData>(
  data: D,
  estimator: Estimator<D, EffectEstimate>,
  original: EffectEstimate,
  settings: RefuterSettings = DEFAULT_REFUTER_SETTINGS,
): Refutation {
  const rng = createRng(`random-common-cause:${settings.seed}`);
  const noise = data.outcome.map(() => rng.normal());
  const redo = estimator({
    ...data,
    covariates: { ...data.covariates, __random_common_cause: noise },
  });
  const shift = redo.estimate - original.estimate;
  const bound = settings.random_cause_tolerance_se * original.std_error;
  const passed = redo.status === 'ok' && Math.abs(shift) <= bound;
  return deepFreeze({
    name: 'random_common_cause',
    passed,
    detail:
      redo.status !== 'ok'
        ? `re-estimate failed: ${redo.status}`
        : `estimate moved by ${shift.toPrecision(3)} with a random covariate; allowed ±${bound.toPrecision(3)}`,
    values: { new_estimate: redo.estimate, shift, bound },
  });
}
