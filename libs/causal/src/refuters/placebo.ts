/**
 * Placebo-treatment refuter (DoWhy's `placebo_treatment_refuter`): permuting the treatment
 * breaks any causal link, so the re-estimated effect must be near 0. With R independent
 * permutations giving estimates τ̃_r with standard errors s_r, the test passes when
 *   |mean τ̃_r| ≤ z_{1−α/2} · √(mean s_r²) / √R
 * i.e. the average placebo effect is not significantly different from 0.
 */
import { createRng, normalQuantile, shuffle } from '@hirelearn/stats';
import { deepFreeze } from '../freeze';
import { CausalData, EffectEstimate, Estimator, Refutation } from '../types';
import { DEFAULT_REFUTER_SETTINGS, RefuterSettings } from './settings';

export function placeboTreatment<D extends CausalData>(
  data: D,
  estimator: Estimator<D, EffectEstimate>,
  settings: RefuterSettings = DEFAULT_REFUTER_SETTINGS,
): Refutation {
  const rng = createRng(`placebo:${settings.seed}`);
  const runs = Array.from({ length: settings.placebo_repeats }, () =>
    estimator({ ...data, treatment: shuffle(rng, data.treatment) }),
  );
  const bad = runs.find((r) => r.status !== 'ok');
  if (bad !== undefined) {
    return deepFreeze({
      name: 'placebo_treatment',
      passed: false,
      detail: `a placebo estimate failed: ${bad.status} (${bad.reasons.join('; ')})`,
      values: {},
    });
  }
  const r = runs.length;
  const meanEst = runs.reduce((s, e) => s + e.estimate, 0) / r;
  const se = Math.sqrt(runs.reduce((s, e) => s + e.std_error ** 2, 0) / r) / Math.sqrt(r);
  const bound = normalQuantile(1 - settings.alpha / 2) * se;
  const passed = Math.abs(meanEst) <= bound;
  return deepFreeze({
    name: 'placebo_treatment',
    passed,
    detail: `mean placebo effect ${meanEst.toPrecision(3)} over ${r} permutations; must be within ±${bound.toPrecision(3)} of 0`,
    values: { placebo_estimate: meanEst, placebo_std_error: se, bound },
  });
}
