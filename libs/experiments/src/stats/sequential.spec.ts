import { createRng } from '@hirelearn/stats';
import { compareVariants } from './frequentist';
import { confidenceSequence, confidenceSequenceHalfWidthFromVariance } from './sequential';

const { sqrt } = Math;

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
    const rng = createRng(2024);
    const reps = 1000;
    const looks = 20;
    const perLook = 100;
    let sequentialFp = 0;
    let naiveFp = 0;
    for (let k = 0; k < reps; k++) {
      let nC = 0;
      let sC = 0;
      let qC = 0;
      let nT = 0;
      let sT = 0;
      let qT = 0;
      let seqHit = false;
      let naiveHit = false;
      for (let l = 0; l < looks; l++) {
        for (let i = 0; i < perLook; i++) {
          const c = rng.normal();
          const t = rng.normal();
          sC += c;
          qC += c * c;
          sT += t;
          qT += t * t;
        }
        nC += perLook;
        nT += perLook;
        const vC = (qC - (sC * sC) / nC) / (nC - 1);
        const vT = (qT - (sT * sT) / nT) / (nT - 1);
        const d = sT / nT - sC / nC;
        if (confidenceSequence(d, vC, nC, vT, nT).significant) seqHit = true;
        if (Math.abs(d) / sqrt(vC / nC + vT / nT) > 1.959964) naiveHit = true;
      }
      if (seqHit) sequentialFp++;
      if (naiveHit) naiveFp++;
    }
    expect(sequentialFp / reps).toBeLessThanOrEqual(0.05);
    expect(naiveFp / reps).toBeGreaterThan(0.1);
  });

  it('still detects a real effect', () => {
    const r = confidenceSequence(0.3, 1, 2000, 1, 2000);
    expect(r.significant).toBe(true);
    expect(r.ci[0]).toBeGreaterThan(0);
  });
});
