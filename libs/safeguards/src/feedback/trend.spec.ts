import { leastSquaresTrend } from './trend';

describe('leastSquaresTrend', () => {
  it('recovers an exact line', () => {
    expect(leastSquaresTrend([0, 1, 2, 3], [1, 3, 5, 7])).toMatchObject({
      slope: 2,
      intercept: 1,
      n: 4,
    });
  });

  it('matches a hand-computed fit', () => {
    // x̄ = 2, ȳ = 3, Sxy = 1 + 0 + 2 = 3, Sxx = 2 → b = 1.5, a = 0
    const r = leastSquaresTrend([1, 2, 3], [2, 2, 5]);
    expect(r).toMatchObject({ slope: expect.closeTo(1.5, 12), intercept: expect.closeTo(0, 12) });
  });

  it('returns reason codes for degenerate input', () => {
    expect(leastSquaresTrend([1], [1])).toMatchObject({ reason: 'insufficient_data' });
    expect(leastSquaresTrend([2, 2], [1, 3])).toMatchObject({ reason: 'zero_variance' });
    expect(leastSquaresTrend([1, 2], [1])).toMatchObject({ reason: 'length_mismatch' });
    expect(leastSquaresTrend([1, NaN], [1, 2])).toMatchObject({ reason: 'invalid_value' });
  });
});
