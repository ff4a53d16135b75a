import { makeEffect } from '../effect';
import { eValue, eValueOfInterval, eValueRefuter } from './e-value';

describe('eValue (VanderWeele & Ding 2017)', () => {
  it('reproduces the paper: RR 3.9 → 7.26, CI limit 1.8 → 3.0', () => {
    expect(eValue(3.9)).toBeCloseTo(7.26, 2);
    expect(eValue(1.8)).toBeCloseTo(3, 12);
    expect(eValueOfInterval(1.8, 8.6)).toBeCloseTo(3, 12);
  });

  it('protective ratios use 1/RR; a CI containing 1 gives 1', () => {
    expect(eValue(0.5)).toBeCloseTo(2 + Math.SQRT2, 12);
    expect(eValue(1)).toBe(1);
    expect(eValueOfInterval(0.8, 1.3)).toBe(1);
    expect(eValueOfInterval(0.2, 0.5)).toBeCloseTo(eValue(2), 12);
    expect(eValue(0)).toBeNaN();
  });
});

describe('eValueRefuter', () => {
  const effect = (estimate: number, se: number) =>
    makeEffect(
      {
        method: 'aipw',
        estimand: 'ATE',
        estimate,
        std_error: se,
        n: 100,
        n_treated: 50,
        n_control: 50,
        status: 'ok',
        reasons: [],
      },
      0.05,
    );

  it('converts a risk difference to a risk ratio with the baseline risk', () => {
    // τ = 0.1 on p₀ = 0.2 → RR 1.5 → E = 1.5 + √0.75.
    const r = eValueRefuter(effect(0.1, 0.01), 0.2);
    expect(r.name).toBe('e_value');
    expect(r.values.risk_ratio).toBeCloseTo(1.5, 12);
    expect(r.values.e_value).toBeCloseTo(1.5 + Math.sqrt(0.75), 12);
    expect(r.passed).toBe(true);
  });

  it('a CI across the null claims nothing: the E-value is reported (1 at the CI), not judged', () => {
    const r = eValueRefuter(effect(0.01, 0.02), 0.2);
    expect(r.values.e_value_ci).toBe(1);
    expect(r.values.effect_claimed).toBe(0);
    expect(r.passed).toBe(true);
  });
  it('a claimed effect fails when its CI limit needs only a weak confounder', () => {
    // τ = 0.02 ± 1.96 · 0.009 on p₀ = 0.2: CI limit RR 1.0118 → E-value ≈ 1.12 < 1.25.
    const r = eValueRefuter(effect(0.02, 0.009), 0.2);
    expect(r.values.effect_claimed).toBe(1);
    expect(r.values.e_value_ci).toBeCloseTo(eValue((0.2 + 0.02 - 1.959964 * 0.009) / 0.2), 6);
    expect(r.values.e_value_ci).toBeLessThan(1.25);
    expect(r.passed).toBe(false);
  });
});
