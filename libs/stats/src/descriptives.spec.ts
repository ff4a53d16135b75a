import {
  mean,
  median,
  quantile,
  sd,
  sum,
  variance,
  weightedMean,
  weightedVariance,
} from './descriptives';

describe('descriptives', () => {
  it('mean and variance of 1..10 (closed forms (n+1)/2 and n(n+1)/12)', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(mean(x)).toBe(5.5);
    expect(variance(x)).toBeCloseTo(110 / 12, 12);
    expect(sd(x)).toBeCloseTo(Math.sqrt(110 / 12), 12);
  });

  it('variance is accurate with a large offset (catastrophic-cancellation check)', () => {
    const x = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]; // variance of (4,7,13,16) = 30
    expect(variance(x)).toBeCloseTo(30, 6);
  });

  it('compensated sum', () => {
    expect(sum([1e16, 1, -1e16])).toBe(1);
    expect(sum([])).toBe(0);
  });

  it('too-short inputs give NaN, not a throw', () => {
    expect(mean([])).toBeNaN();
    expect(variance([3])).toBeNaN();
    expect(median([])).toBeNaN();
    expect(weightedMean([1, 2], [0, 0])).toBeNaN();
    expect(weightedVariance([1, 2], [1, 0])).toBeNaN();
  });

  it('weighted mean/variance equal the unweighted ones for unit weights and frequency weights', () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(
      weightedMean(
        x,
        x.map(() => 1),
      ),
    ).toBeCloseTo(mean(x), 12);
    expect(
      weightedVariance(
        x,
        x.map(() => 1),
      ),
    ).toBeCloseTo(variance(x), 12);
    // weights {3, 1} on {1, 5}: mean = 8/4 = 2; V1 = 4, V2 = 10,
    // s² = 4/(16-10) * (3*1 + 1*9) = 8.
    expect(weightedMean([1, 5], [3, 1])).toBe(2);
    expect(weightedVariance([1, 5], [3, 1])).toBeCloseTo(8, 12);
  });

  it('weights are validated', () => {
    expect(() => weightedMean([1, 2], [1])).toThrow(/equal length/);
    expect(() => weightedMean([1, 2], [1, -1])).toThrow(/>= 0/);
  });

  it('quantile type 7 matches R quantile(x, c(.1,.25,.5,.9)) for x = c(1,2,3,4,5,10)', () => {
    // R: quantile(c(1,2,3,4,5,10), c(.1,.25,.5,.9)) -> 1.5 2.25 3.5 7.5
    const x = [10, 3, 1, 5, 2, 4];
    expect(quantile(x, 0.1)).toBeCloseTo(1.5, 12);
    expect(quantile(x, 0.25)).toBeCloseTo(2.25, 12);
    expect(quantile(x, 0.5)).toBeCloseTo(3.5, 12);
    expect(quantile(x, 0.9)).toBeCloseTo(7.5, 12);
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 1)).toBe(10);
    expect(median([3, 1, 2])).toBe(2);
    expect(x).toEqual([10, 3, 1, 5, 2, 4]);
    expect(() => quantile(x, 1.5)).toThrow(/\[0, 1\]/);
  });
});
