import { aipw } from './aipw';
import { subsetData } from './data';
import { ipw } from './ipw';
import { psMatching } from './matching';
import { checkOverlap } from './overlap';
import { fitPropensity, restrictModel } from './propensity';
import { naiveDifference } from './naive';
import { causalSettings } from './settings';
import { simulateConfounded } from './testing/simulate';

const covers = (ci: readonly [number, number], v: number): boolean => ci[0] <= v && v <= ci[1];

describe('planted ATE 0.1 with confounding (n = 4000)', () => {
  const data = simulateConfounded({ n: 4000, seed: 11, effect: 0.1 });

  it('the naive difference is biased: its CI excludes 0.1', () => {
    const naive = naiveDifference(data);
    expect(naive.estimate).toBeGreaterThan(0.14);
    expect(covers(naive.ci, 0.1)).toBe(false);
  });

  it.each(['ATE', 'ATT'] as const)('Hajek IPW %s recovers 0.1 within its CI', (estimand) => {
    const e = ipw(data, estimand);
    expect(e.status).toBe('ok');
    expect(e.estimand).toBe(estimand);
    expect(covers(e.ci, 0.1)).toBe(true);
    expect(e.std_error).toBeGreaterThan(0.01);
    expect(e.std_error).toBeLessThan(0.03);
    expect(Object.isFrozen(e.ci)).toBe(true);
  });

  it('AIPW recovers 0.1 within its CI', () => {
    const e = aipw(data);
    expect(e.status).toBe('ok');
    expect(covers(e.ci, 0.1)).toBe(true);
    expect(e.n).toBe(4000);
    expect(e.n_treated + e.n_control).toBe(4000);
  });
});

describe('null effect with confounding', () => {
  const data = simulateConfounded({ n: 4000, seed: 12, effect: 0 });
  it('naive is non-zero while IPW and AIPW CIs cover 0', () => {
    expect(naiveDifference(data).p_value).toBeLessThan(0.001);
    expect(covers(ipw(data).ci, 0)).toBe(true);
    expect(covers(aipw(data).ci, 0)).toBe(true);
  });
});

describe('AIPW coverage', () => {
  it('95% CIs cover the true ATE in 88–99% of 100 seeded worlds (n = 300)', () => {
    let hits = 0;
    for (let seed = 1000; seed < 1100; seed++) {
      const e = aipw(simulateConfounded({ n: 300, seed, effect: 0.1 }));
      if (covers(e.ci, 0.1)) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(88);
    expect(hits).toBeLessThanOrEqual(99);
  });
});

describe('clusters and trimming', () => {
  it('singleton clusters give √(G/(G−1)) × the unclustered SE', () => {
    const data = simulateConfounded({ n: 500, seed: 3, effect: 0.1 });
    const ids = data.outcome.map((_, i) => i);
    const plain = aipw(data);
    const clustered = aipw({ ...data, clusters: ids });
    expect(clustered.estimate).toBe(plain.estimate);
    expect(clustered.std_error).toBeCloseTo(plain.std_error * Math.sqrt(500 / 499), 12);
    const ipwPlain = ipw(data);
    expect(ipw({ ...data, clusters: ids }).std_error).toBeCloseTo(
      ipwPlain.std_error * Math.sqrt(500 / 499),
      12,
    );
  });

  it('trimming drops units outside the bounds and says so', () => {
    const data = simulateConfounded({ n: 1000, seed: 4, effect: 0.1 });
    const e = aipw(
      data,
      causalSettings({ overlap_bounds: [0.25, 0.75], trim: true, min_overlap_share: 0 }),
    );
    expect(e.n).toBeLessThan(1000);
    expect(e.reasons[0]).toMatch(/^trimmed \d+ units/);
  });
});

describe('degenerate inputs are results', () => {
  const base = { outcome: [1, 0, 1, 0], covariates: { x: [1, 2, 3, 4] } };
  it.each([
    [[0, 0, 0, 0], 'no_treated'],
    [[1, 1, 1, 1], 'no_control'],
    [[0, 0, 1, 1], 'separation'],
  ] as const)('treatment %j → %s', (treatment, status) => {
    for (const e of [
      ipw({ ...base, treatment }),
      ipw({ ...base, treatment }, 'ATT'),
      aipw({ ...base, treatment }),
    ]) {
      expect(e.status).toBe(status);
      expect(Number.isNaN(e.estimate)).toBe(true);
      expect(e.reasons.length).toBeGreaterThan(0);
    }
  });
});

describe('one propensity fit shared by the estimators', () => {
  const data = simulateConfounded({ n: 2000, seed: 12, effect: 0.1 });
  const s = causalSettings();
  const model = fitPropensity(data, s);

  it('gives exactly the estimates of the estimators fitting their own', () => {
    expect(aipw(data, s, model)).toEqual(aipw(data, s));
    expect(ipw(data, 'ATT', s, model)).toEqual(ipw(data, 'ATT', s));
    expect(psMatching(data, s, model)).toEqual(psMatching(data, s));
  });

  it('AIPW trimmed to the region uses the full-sample fit and says how many it dropped', () => {
    const crump = causalSettings({ overlap_bounds: [0.2, 0.8], trim: true });
    const region = checkOverlap(model.scores, data.treatment, crump);
    const trimmed = aipw(data, crump, model);
    const onRegion = aipw(
      subsetData(data, region.in_bounds),
      { ...crump, trim: false },
      restrictModel(model, region.in_bounds),
    );
    expect(region.n_outside).toBeGreaterThan(0);
    expect(trimmed.estimate).toBe(onRegion.estimate);
    expect(trimmed.reasons[0]).toContain(`trimmed ${region.n_outside} units`);
  });
});
