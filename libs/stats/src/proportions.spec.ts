import { normalQuantile } from './distributions';
import { twoProportionZTest, wilsonInterval } from './proportions';

describe('wilsonInterval', () => {
  it('81/263 at 95%: (0.2553, 0.3662)', () => {
    // p̂ = 0.307985, z²/n = 0.014606; centre 0.310749, half-width 0.055461.
    const w = wilsonInterval(81, 263);
    expect(w.estimate).toBeCloseTo(81 / 263, 12);
    expect(w.lower).toBeCloseTo(0.2553, 4);
    expect(w.upper).toBeCloseTo(0.3662, 4);
  });

  it('endpoints are the roots of |p̂ − p| = z √(p(1 − p)/n)', () => {
    const z = normalQuantile(0.975);
    for (const [x, n] of [
      [81, 263],
      [3, 10],
      [1, 50],
    ]) {
      const w = wilsonInterval(x, n);
      for (const p of [w.lower, w.upper]) {
        expect(Math.abs(x / n - p)).toBeCloseTo(z * Math.sqrt((p * (1 - p)) / n), 12);
      }
    }
  });

  it('0 and n successes pin the interval to 0 and 1; n = 0 is empty_input', () => {
    const zero = wilsonInterval(0, 20);
    expect(zero.lower).toBe(0);
    // Upper bound for x = 0: z²/(n + z²).
    const z2 = normalQuantile(0.975) ** 2;
    expect(zero.upper).toBeCloseTo(z2 / (20 + z2), 12);
    expect(wilsonInterval(20, 20).upper).toBe(1);
    expect(wilsonInterval(0, 0).status).toBe('empty_input');
    expect(() => wilsonInterval(5, 4)).toThrow(/\[0, n\]/);
  });
});

describe('twoProportionZTest', () => {
  it('30/100 vs 45/100: z = −0.15/√(0.375·0.625·0.02) = −2.19089, z² = 4.8 (R prop.test p = 0.02846)', () => {
    const r = twoProportionZTest(30, 100, 45, 100);
    expect(r.status).toBe('ok');
    expect(r.z).toBeCloseTo(-0.15 / Math.sqrt(0.375 * 0.625 * 0.02), 12);
    expect(r.z * r.z).toBeCloseTo(4.8, 10);
    expect(r.p_value).toBeCloseTo(0.02846, 5);
    // Unpooled Wald CI: −0.15 ± 1.96 √(.3·.7/100 + .45·.55/100) = −0.15 ± 0.13257.
    const half = normalQuantile(0.975) * Math.sqrt(0.0021 + 0.002475);
    expect(r.ci[0]).toBeCloseTo(-0.15 - half, 12);
    expect(half).toBeCloseTo(0.13256, 4);
  });

  it('no variation -> zero_variance; empty group -> empty_input', () => {
    expect(twoProportionZTest(0, 10, 0, 12).status).toBe('zero_variance');
    expect(twoProportionZTest(0, 0, 3, 12).status).toBe('empty_input');
  });
});
