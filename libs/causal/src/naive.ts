/**
 * Naive difference in means ȳ_1 − ȳ_0 with the unequal-variance standard error
 * √(s_1²/n_1 + s_0²/n_0). Confounded unless treatment is randomized; here as the baseline the
 * adjusted estimators are compared against.
 */
import { mean, variance } from '@hirelearn/stats';
import { checkData } from './data';
import { failedEffect, makeEffect } from './effect';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { CausalData, EffectEstimate } from './types';

export function naiveDifference(
  data: CausalData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): EffectEstimate {
  const check = checkData(data, true, settings.min_per_arm);
  if (check.status !== 'ok') return failedEffect('naive_difference', 'ATE', check, settings.alpha);
  const y1 = data.outcome.filter((_, i) => data.treatment[i] === 1);
  const y0 = data.outcome.filter((_, i) => data.treatment[i] === 0);
  return makeEffect(
    {
      method: 'naive_difference',
      estimand: 'ATE',
      estimate: mean(y1) - mean(y0),
      std_error: Math.sqrt(variance(y1) / y1.length + variance(y0) / y0.length),
      n: check.n,
      n_treated: y1.length,
      n_control: y0.length,
      status: 'ok',
      reasons: [],
    },
    settings.alpha,
  );
}
