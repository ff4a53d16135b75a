import { aipw } from '../aipw';
import { makeEffect } from '../effect';
import { ipw } from '../ipw';
import { simulateConfounded } from '../testing/simulate';
import { CausalData, EffectEstimate } from '../types';
import { dataSubset } from './data-subset';
import { placeboTreatment } from './placebo';
import { randomCommonCause } from './random-common-cause';
import { refuteAll } from './refute';
import { refuterSettings } from './settings';

/** A deliberately broken estimator: reports `f(data)` with SE 0.01 whatever the data. */
const fake =
  (f: (d: CausalData) => number) =>
  (d: CausalData): EffectEstimate =>
    makeEffect(
      {
        method: 'aipw',
        estimand: 'ATE',
        estimate: f(d),
        std_error: 0.01,
        n: d.outcome.length,
        n_treated: 1,
        n_control: 1,
        status: 'ok',
        reasons: [],
      },
      0.05,
    );

describe('refuters on a planted ATE 0.1 (n = 4000)', () => {
  // The world of ipw.spec.ts, where AIPW estimates 0.107 (SE 0.017).
  const data = simulateConfounded({ n: 4000, seed: 11, effect: 0.1 });
  const est = aipw(data);

  it('AIPW passes placebo, random common cause, data subset and E-value', () => {
    const all = refuteAll(data, aipw, est, { baseline_risk: 0.4 });
    expect(all.map((r) => r.name)).toEqual([
      'placebo_treatment',
      'random_common_cause',
      'data_subset',
      'e_value',
    ]);
    for (const r of all) expect([r.name, r.passed, r.detail]).toEqual([r.name, true, r.detail]);
    expect(Object.isFrozen(all)).toBe(true);
  });

  it('the random covariate moves AIPW by a small fraction of its SE', () => {
    const r = randomCommonCause(data, aipw, est);
    expect(Math.abs(r.values.shift)).toBeLessThan(0.25 * est.std_error);
  });

  it('an estimator that ignores the treatment fails the placebo test', () => {
    expect(
      placeboTreatment(
        data,
        fake(() => 0.2),
      ).passed,
    ).toBe(false);
  });

  it('an estimator driven by the covariate count fails random common cause', () => {
    const byCount = fake((d) => 0.1 * Object.keys(d.covariates).length);
    expect(randomCommonCause(data, byCount, byCount(data)).passed).toBe(false);
  });

  it('an estimator driven by the sample size fails data subset', () => {
    const bySize = fake((d) => d.outcome.length / 1000);
    const r = dataSubset(data, bySize, bySize(data));
    expect(r.passed).toBe(false);
    expect(r.values.inside).toBe(0);
  });

  it('subsets of clusters keep whole clusters', () => {
    const clustered = simulateConfounded({ n: 1000, seed: 42, effect: 0.1, cluster_size: 10 });
    const sizes: number[] = [];
    const spy = (d: CausalData): EffectEstimate => {
      sizes.push(d.outcome.length);
      return aipw(d);
    };
    const r = dataSubset(clustered, spy, aipw(clustered), refuterSettings({ subset_repeats: 2 }));
    expect(sizes).toEqual([800, 800]);
    expect(r.passed).toBe(true);
  });
});

describe('null effect with confounding', () => {
  it('the placebo refuter passes for IPW', () => {
    const data = simulateConfounded({ n: 2000, seed: 43, effect: 0 });
    expect(placeboTreatment(data, (d) => ipw(d)).passed).toBe(true);
  });
});

describe('seeding', () => {
  it('the same seed gives the same refutations; another seed other draws', () => {
    const data = simulateConfounded({ n: 400, seed: 44, effect: 0.1 });
    const est = aipw(data);
    const a = refuteAll(data, aipw, est, { settings: refuterSettings({ seed: 7 }) });
    expect(refuteAll(data, aipw, est, { settings: refuterSettings({ seed: 7 }) })).toEqual(a);
    const b = refuteAll(data, aipw, est, { settings: refuterSettings({ seed: 8 }) });
    expect(b[0].values.placebo_estimate).not.toBe(a[0].values.placebo_estimate);
  });
});
