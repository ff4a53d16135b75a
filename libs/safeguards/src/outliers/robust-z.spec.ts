import { normalSample } from '../testing/random';
import { robustZScores } from './robust-z';

describe('robustZScores', () => {
  it('matches a hand-computed example', () => {
    // median 3, |x − 3| = 2, 1, 0, 1, 97 → MAD 1, scale 1.4826
    const r = robustZScores([1, 2, 3, 4, 100]);
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r).toMatchObject({ median: 3, mad: 1, scale: 1.4826 });
    expect(r.z[4]).toBeCloseTo(97 / 1.4826, 10);
    expect(r.z[4]).toBeCloseTo(65.426, 3);
    expect(r.z[0]).toBeCloseTo(-1.349, 3);
    expect(r.z[2]).toBe(0);
  });

  it('uses the average of the middle pair for even lengths', () => {
    // median 2.5, deviations 1.5, .5, .5, 1.5 → MAD 1
    expect(robustZScores([1, 2, 3, 4])).toMatchObject({ median: 2.5, mad: 1 });
  });

  it('estimates σ for normal data (1.4826 · MAD ≈ σ)', () => {
    const r = robustZScores(normalSample(51, 20_000, 10, 3));
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.scale).toBeCloseTo(3, 1);
    expect(r.median).toBeCloseTo(10, 1);
  });

  it('scores new values against a reference sample', () => {
    const r = robustZScores([3, 7], { reference: [1, 2, 3, 4, 5] });
    if (r.status !== 'ok') throw new Error(r.message);
    // median 3, MAD 1
    expect(r.z).toEqual([0, 4 / 1.4826]);
  });

  it('returns reason codes for empty, non-finite or zero-MAD input', () => {
    expect(robustZScores([])).toMatchObject({ reason: 'empty_input' });
    expect(robustZScores([1, NaN])).toMatchObject({ reason: 'invalid_value' });
    expect(robustZScores([5, 5, 5, 9])).toMatchObject({ reason: 'zero_variance' });
  });
});
