import { createRng, shuffle } from '@hirelearn/stats';
import { aipw } from '../aipw';
import { subsetData } from '../data';
import { ipw } from '../ipw';
import { checkOverlap } from '../overlap';
import { fitPropensity } from '../propensity';
import { causalSettings } from '../settings';
import { simulateConfounded } from '../testing/simulate';
import { CausalData } from '../types';

// The refuters' refits start IRLS from the analysis' own propensity fit: they must land on the
// cold start's answer (within 1e-8), so a refuter's verdict does not depend on the start.
const data = simulateConfounded({ n: 4000, seed: 11, effect: 0.1, cluster_size: 4 });
const model = fitPropensity(data);
const rng = createRng('warm-start-spec');
const refits: Array<[string, CausalData]> = [
  [
    'a subset',
    subsetData(
      data,
      Array.from({ length: 3200 }, (_, i) => i),
    ),
  ],
  [
    'an extra random covariate',
    { ...data, covariates: { ...data.covariates, noise: data.outcome.map(() => rng.normal()) } },
  ],
  ['a permuted treatment', { ...data, treatment: shuffle(rng, data.treatment) }],
];

describe('warm-started propensity refits', () => {
  it.each(refits)('%s: coefficients, scores and AIPW equal the cold fit within 1e-8', (_, d) => {
    const cold = fitPropensity(d);
    const warm = fitPropensity(d, undefined, model);
    expect(cold.status).toBe('ok');
    expect(warm.status).toBe('ok');
    warm.coefficients.forEach((b, j) =>
      expect(Math.abs(b - cold.coefficients[j])).toBeLessThan(1e-8),
    );
    warm.scores.forEach((e, i) => expect(Math.abs(e - cold.scores[i])).toBeLessThan(1e-8));
    expect(Math.abs(aipw(d, undefined, warm).estimate - aipw(d).estimate)).toBeLessThan(1e-8);
  });

  it('trimmed IPW: ATE and ATT from one shared refit equal a cold refit on the region', () => {
    const s = causalSettings({ overlap_rule: 'bounds', trim: true, overlap_bounds: [0.2, 0.8] });
    const full = fitPropensity(data, s);
    const overlap = checkOverlap(full.scores, data.treatment, s);
    expect(overlap.n_outside).toBeGreaterThan(100);
    const region = subsetData(data, overlap.in_bounds);
    for (const estimand of ['ATE', 'ATT'] as const) {
      const shared = ipw(data, estimand, s, full);
      const cold = ipw(region, estimand, { ...s, trim: false });
      expect(shared.status).toBe('ok');
      expect(Math.abs(shared.estimate - cold.estimate)).toBeLessThan(1e-8);
      expect(Math.abs(shared.std_error - cold.std_error)).toBeLessThan(1e-8);
    }
  });
});
