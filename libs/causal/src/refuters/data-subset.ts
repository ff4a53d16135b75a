/**
 * Data-subset refuter (DoWhy's `data_subset_refuter`): re-estimate on R random subsets of a
 * fraction f of the units (of the clusters, when clusters are given) without replacement;
 * passes when every subset estimate lies inside the original confidence interval. For f = 0.8
 * a subset estimate differs from the full one by about √(1/f − 1) ≈ 0.5 SE, so an effect that
 * is stable in the data stays well inside its 95% CI.
 */
import { createRng, sampleWithoutReplacement } from '@hirelearn/stats';
import { subsetData } from '../data';
import { deepFreeze } from '../freeze';
import { CausalData, EffectEstimate, Estimator, Refutation } from '../types';
import { DEFAULT_REFUTER_SETTINGS, RefuterSettings } from './settings';

/** Row indices of a random subset: a fraction of the units, or of whole clusters. */
function subsetIndex(
  data: CausalData,
  fraction: number,
  rng: ReturnType<typeof createRng>,
): number[] {
  const n = data.outcome.length;
  if (data.clusters === undefined) {
    return sampleWithoutReplacement(
      rng,
      Array.from({ length: n }, (_, i) => i),
      Math.round(fraction * n),
    ).sort((a, b) => a - b);
  }
  const ids = [...new Set(data.clusters)];
  const keep = new Set(sampleWithoutReplacement(rng, ids, Math.round(fraction * ids.length)));
  const rows: number[] = [];
  data.clusters.forEach((c, i) => {
    if (keep.has(c)) rows.push(i);
  });
  return rows;
}

export function dataSubset<D extends CausalData>(
  data: D,
  estimator: Estimator<D, EffectEstimate>,
  original: EffectEstimate,
  settings: RefuterSettings = DEFAULT_REFUTER_SETTINGS,
): Refutation {
  const rng = createRng(`data-subset:${settings.seed}`);
  const [lo, hi] = original.ci;
  const estimates: number[] = [];
  let inside = 0;
  for (let r = 0; r < settings.subset_repeats; r++) {
    const e = estimator(subsetData(data, subsetIndex(data, settings.subset_fraction, rng)));
    estimates.push(e.estimate);
    if (e.status === 'ok' && e.estimate >= lo && e.estimate <= hi) inside++;
  }
  const passed = inside === settings.subset_repeats;
  return deepFreeze({
    name: 'data_subset',
    passed,
    detail: `${inside} of ${settings.subset_repeats} estimates on ${Math.round(100 * settings.subset_fraction)}% subsets inside the CI [${lo.toPrecision(3)}, ${hi.toPrecision(3)}]`,
    values: {
      inside,
      repeats: settings.subset_repeats,
      min_estimate: Math.min(...estimates),
      max_estimate: Math.max(...estimates),
    },
  });
}
