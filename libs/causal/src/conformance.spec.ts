/**
 * One conformance suite over every estimator of `CausalData`: deterministic, frozen, JSON
 * round-trip, and typed statuses (never throws) on empty, constant and non-finite inputs.
 */
import { aipw } from './aipw';
import { ipw } from './ipw';
import { psMatching } from './matching';
import { naiveDifference } from './naive';
import { simulateConfounded } from './testing/simulate';
import { CausalData, EffectEstimate } from './types';

const estimators: [string, (d: CausalData) => EffectEstimate][] = [
  ['naiveDifference', (d) => naiveDifference(d)],
  ['ipw ATE', (d) => ipw(d, 'ATE')],
  ['ipw ATT', (d) => ipw(d, 'ATT')],
  ['aipw', (d) => aipw(d)],
  ['psMatching', (d) => psMatching(d)],
];

describe.each(estimators)('%s', (_, estimate) => {
  const data = simulateConfounded({ n: 300, seed: 81, effect: 0.1 });

  it('is deterministic, frozen and survives a JSON round trip', () => {
    const a = estimate(data);
    expect(estimate(data)).toEqual(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.reasons)).toBe(true);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(a.status).toBe('ok');
    expect(a.q_value).toBeNull();
  });

  it.each([
    ['empty input', { outcome: [], treatment: [], covariates: {} }, 'insufficient_data'],
    ['ragged columns', { ...data, treatment: [1, 0] }, 'invalid_input'],
    [
      'non-finite outcome',
      { ...data, outcome: data.outcome.map((v, i) => (i === 3 ? NaN : v)) },
      'invalid_input',
    ],
    [
      'non-binary treatment',
      { ...data, treatment: data.treatment.map((v) => 2 * v) },
      'invalid_input',
    ],
    [
      'one treated unit',
      { ...data, treatment: data.treatment.map((_, i) => (i === 0 ? 1 : 0)) },
      'insufficient_data',
    ],
  ] as const)('%s → %s', (__, bad, status) => {
    const e = estimate(bad);
    expect(e.status).toBe(status);
    expect(e.estimate).toBeNaN();
    expect(e.reasons.length).toBeGreaterThan(0);
  });
});

describe('propensity-based estimators', () => {
  it('a constant covariate makes the design singular', () => {
    const data = simulateConfounded({ n: 200, seed: 82, effect: 0.1 });
    const withConstant = {
      ...data,
      covariates: { ...data.covariates, c: data.outcome.map(() => 1) },
    };
    for (const e of [ipw(withConstant), aipw(withConstant), psMatching(withConstant)]) {
      expect(e.status).toBe('singular_design');
    }
  });
});
