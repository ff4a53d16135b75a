import { coefficientTests } from './coefficient-tests';
import { normalTwoSided, tTwoSided } from './distributions';

describe('coefficientTests: se, statistic and two-sided p from β̂ and V', () => {
  it('reads se from the diagonal only: β̂ = (2, −3), V = [[4, 1], [1, 9]] gives se (2, 3), z = ±1, p = 2(1 − Φ(1))', () => {
    const t = coefficientTests(
      [2, -3],
      [
        [4, 1],
        [1, 9],
      ],
      normalTwoSided,
    );
    expect(t.std_errors).toEqual([2, 3]);
    expect(t.stats).toEqual([1, -1]);
    // 2(1 − Φ(1)) = 0.3173105078629141.
    expect(t.p_values[0]).toBeCloseTo(0.3173105078629141, 12);
    expect(t.p_values[1]).toBeCloseTo(0.3173105078629141, 12);
  });

  it('uses the reference distribution it is given: t = 2 on 4 df has p = 1 − 5/(4√2)', () => {
    const t = coefficientTests([1], [[0.25]], (s) => tTwoSided(s, 4));
    expect(t.stats).toEqual([2]);
    // On 4 df the two-sided p is 1 − x(3 − x²)/2 with x = t/√(t² + 4); x = 1/√2 at t = 2
    // (R: 2 * pt(-2, 4) = 0.1161165).
    expect(t.p_values[0]).toBeCloseTo(1 - 5 / (4 * Math.SQRT2), 10);
  });

  it('clamps a diagonal rounded below zero to se 0 and gives p NaN for a NaN coefficient', () => {
    const t = coefficientTests(
      [1, NaN],
      [
        [-1e-18, 0],
        [0, 1],
      ],
      normalTwoSided,
    );
    expect(t.std_errors).toEqual([0, 1]);
    expect(t.stats[0]).toBe(Infinity);
    expect(t.p_values[0]).toBe(0);
    expect(t.p_values[1]).toBeNaN();
  });
});
