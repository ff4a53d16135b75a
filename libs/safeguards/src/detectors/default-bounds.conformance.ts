/**
 * The bounds both drift detectors document for their defaults on seeded Bernoulli(0.2) error
 * streams (a 0/1 model error with a 20% base rate): few false alarms without a shift, and a
 * bounded delay after 0.2 → 0.35 at t = 5000. `adwin.spec.ts` and `page-hinkley.spec.ts` run
 * it, each noting its measured figures beside the call.
 */
import { quietStreams, shiftStreams, StreamDetector } from '../testing/detector-bench';

/** Declares the two bound tests for detectors made by `make` (inside a `describe`). */
export function itKeepsTheDocumentedBounds(make: () => StreamDetector): void {
  it('does not cry wolf on streams without a shift', () => {
    const long = quietStreams(make, 100, 20_000, 0.2, 1000);
    expect(long.streams_with_alarm).toBeLessThanOrEqual(5);
    const short = quietStreams(make, 20, 10_000, 0.2, 9000);
    expect(short.streams_with_alarm).toBeLessThanOrEqual(1);
  });

  it('detects 0.2 → 0.35 at t = 5000 with a bounded delay', () => {
    const r = shiftStreams(make, 100, 10_000, 0.2, 0.35, 5000, 5000);
    expect(r.early_alarms).toBeLessThanOrEqual(5);
    expect(r.missed).toBeLessThanOrEqual(1);
    expect(r.median_delay).toBeLessThan(400);
    expect(r.p90_delay).toBeLessThan(600);
  });
}
