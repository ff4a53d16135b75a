import { makeEffect } from './effect';
import { withQValues } from './q-values';
import { EffectEstimate } from './types';

const withP = (estimate: number, se: number): EffectEstimate =>
  makeEffect(
    {
      method: 'aipw',
      estimand: 'ATE',
      estimate,
      std_error: se,
      n: 10,
      n_treated: 5,
      n_control: 5,
      status: 'ok',
      reasons: [],
    },
    0.05,
  );

describe('withQValues', () => {
  it('fills BH q-values in input order, skipping failed estimates', () => {
    const effects = [withP(3, 1), withP(NaN, NaN), withP(1, 1), withP(2, 1)];
    const p = effects.map((e) => e.p_value);
    const out = withQValues(effects);
    // Family of 3 finite p-values: p(1) < p(2) < p(3) → q = min over j ≥ i of 3 p(j)/j.
    const sorted = [p[0], p[3], p[2]];
    const q3 = sorted[2];
    const q2 = Math.min(q3, (3 * sorted[1]) / 2);
    const q1 = Math.min(q2, 3 * sorted[0]);
    expect(out[0].q_value).toBeCloseTo(q1, 15);
    expect(out[3].q_value).toBeCloseTo(q2, 15);
    expect(out[2].q_value).toBeCloseTo(q3, 15);
    expect(out[1].q_value).toBeNull();
    expect(effects[0].q_value).toBeNull(); // inputs untouched
    expect(Object.isFrozen(out[0])).toBe(true);
  });
});
