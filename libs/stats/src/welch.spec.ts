import { welchTTest } from './welch';

// R datasets::sleep (Student 1908): extra sleep for drug 1 and drug 2.
const G1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const G2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('welchTTest', () => {
  it('matches R t.test(extra ~ group, data = sleep)', () => {
    // t = -1.8608, df = 17.776, p-value = 0.07939, 95% CI -3.3654832 0.2054832.
    const r = welchTTest(G1, G2);
    expect(r.status).toBe('ok');
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.p_value).toBeCloseTo(0.07939, 5);
    expect(r.ci[0]).toBeCloseTo(-3.3654832, 6);
    expect(r.ci[1]).toBeCloseTo(0.2054832, 6);
    expect(r.mean_a).toBeCloseTo(0.75, 12);
    expect(r.mean_b).toBeCloseTo(2.33, 12);
  });

  it('one-sided alternatives split the two-sided p', () => {
    const less = welchTTest(G1, G2, { alternative: 'less' });
    const greater = welchTTest(G1, G2, { alternative: 'greater' });
    expect(less.p_value).toBeCloseTo(0.07939 / 2, 5);
    expect(greater.p_value).toBeCloseTo(1 - 0.07939 / 2, 5);
  });

  it('degenerate inputs return a status', () => {
    expect(welchTTest([1, 1, 1], [2, 2]).status).toBe('zero_variance');
    expect(welchTTest([1], [2, 3]).status).toBe('too_few_rows');
    expect(welchTTest([1, NaN], [2, 3]).status).toBe('non_finite_input');
  });
});
