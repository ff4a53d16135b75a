import { normalSample } from '../testing/random';
import { kolmogorovSurvival } from './kolmogorov';
import { ksTwoSample } from './ks-test';

describe('ksTwoSample', () => {
  it('computes D by hand on small samples with ties', () => {
    // F_a − F_b at 1..5: .2, .4, .6 − 1/6, .8 − 2/6, 1 − 3/6 → D = 0.5
    const r = ksTwoSample([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8], { method: 'asymptotic' });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.statistic).toBeCloseTo(0.5, 12);
    // p = Q_KS(√(5·6/11) · 0.5)
    expect(r.p_value).toBeCloseTo(kolmogorovSurvival(Math.sqrt(30 / 11) * 0.5), 12);
    expect(r.p_value).toBeCloseTo(0.50291, 4);
    expect(r).toMatchObject({ method: 'asymptotic', n_reference: 5, n_current: 6 });
  });

  it('gives exact p-values for fully separated small samples', () => {
    // only 2 of C(6,3) = 20 orderings reach D = 1 (scipy ks_2samp: 0.1)
    expect(ksTwoSample([1, 2, 3], [4, 5, 6])).toMatchObject({
      statistic: 1,
      method: 'exact',
      p_value: expect.closeTo(0.1, 12),
    });
    // 2 / C(10,5) = 2/252
    expect(ksTwoSample([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])).toMatchObject({
      p_value: expect.closeTo(2 / 252, 12),
    });
  });

  it('gives D = 0, p = 1 for identical samples', () => {
    expect(ksTwoSample([3, 1, 2], [2, 3, 1])).toMatchObject({ statistic: 0, p_value: 1 });
  });

  it('exact and asymptotic p-values agree for moderate n', () => {
    const a = normalSample(1, 90);
    const b = normalSample(2, 100, 0.3);
    const exact = ksTwoSample(a, b, { method: 'exact' });
    const asym = ksTwoSample(a, b, { method: 'asymptotic' });
    if (exact.status !== 'ok' || asym.status !== 'ok') throw new Error('degenerate');
    expect(exact.statistic).toBe(asym.statistic);
    expect(Math.abs(exact.p_value - asym.p_value)).toBeLessThan(0.02);
  });

  it('switches to the asymptotic formula for large samples and detects a shift', () => {
    const r = ksTwoSample(normalSample(3, 2000), normalSample(4, 2000, 0.5));
    expect(r).toMatchObject({ method: 'asymptotic' });
    if (r.status === 'ok') expect(r.p_value).toBeLessThan(1e-10);
    const same = ksTwoSample(normalSample(5, 2000), normalSample(6, 2000));
    if (same.status === 'ok') expect(same.p_value).toBeGreaterThan(0.01);
  });

  it('returns reason codes for empty or non-finite input', () => {
    expect(ksTwoSample([], [1])).toMatchObject({ status: 'degenerate', reason: 'empty_input' });
    expect(ksTwoSample([1, NaN], [1])).toMatchObject({ reason: 'invalid_value' });
  });
});
