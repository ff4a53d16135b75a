import { simulateAaPeeking } from './aa-peeking';
import { confidenceSequence } from './sequential';

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
