import { simulateAaPeeking } from './aa-peeking';
import { compareVariants } from './frequentist';
import { confidenceSequence, confidenceSequenceHalfWidthFromVariance } from './sequential';

describe('confidence sequence: GrowthBook known answers', () => {
  // gbstats, packages/stats/tests/frequentist/test_tests.py, TestSequentialTTest.
  it('test_sequential_test_runs (tuning 1000): relative CI [-0.55844, 1.56516]', () => {
    const c = { variant_id: 'a', n: 3000, sum: 1396.87, sum_sq: 52377.9767 };
    const t = { variant_id: 'b', n: 3461, sum: 2422.7, sum_sq: 134698.29 };
    const r = compareVariants('mean', c, t);
    expect(r.relative_lift).toBeCloseTo(0.50336, 5);
    expect(r.relative_se).toBeCloseTo(0.33341, 5);
    const h = confidenceSequenceHalfWidthFromVariance(r.relative_se ** 2, 6461, {
      tuning_sample_size: 1000,
    });
    expect(r.relative_lift - h).toBeCloseTo(-0.55844, 5);
    expect(r.relative_lift + h).toBeCloseTo(1.56516, 5);
  });

  it('test_sequential_test_runs_prop (tuning 5000): relative CI [0.40098, 0.60675]', () => {
    const c = { variant_id: 'a', n: 3000, sum: 1396, sum_sq: 1396 };
    const t = { variant_id: 'b', n: 3461, sum: 2422, sum_sq: 2422 };
    const r = compareVariants('binomial', c, t);
    expect(r.relative_se).toBeCloseTo(0.03386, 5);
    const h = confidenceSequenceHalfWidthFromVariance(r.relative_se ** 2, 6461);
    expect(r.relative_lift - h).toBeCloseTo(0.40098, 5);
    expect(r.relative_lift + h).toBeCloseTo(0.60675, 5);
  });
});

describe('confidence sequence under nightly peeking', () => {
  /**
   * 1,000 simulated A/A tests, each looked at 20 times ("every night") as users arrive; a
   * false positive is a test whose interval excludes 0 at ANY look. The always-valid interval
   * keeps that rate at or below alpha; the fixed-horizon z interval, peeked at the same way,
   * does not (which is what makes this test able to fail).
   */
  it('keeps the false-positive rate at or below 5% over 1,000 A/A tests; fixed-horizon peeking does not', () => {
    const r = simulateAaPeeking({
      reps: 1000,
      looks: 20,
      users_per_look: 100,
      seed: 2024,
      alpha: 0.05,
    });
    expect(r.sequential_false_positive_rate).toBeLessThanOrEqual(0.05);
    expect(r.fixed_horizon_false_positive_rate).toBeGreaterThan(0.1);
  });

  it('still detects a real effect', () => {
    const r = confidenceSequence(0.3, 1, 2000, 1, 2000);
    expect(r.significant).toBe(true);
    expect(r.ci[0]).toBeGreaterThan(0);
  });
});
