import { quietStreams } from '../testing/detector-bench';
import { itKeepsTheDocumentedBounds } from './default-bounds.conformance';
import { DEFAULT_PAGE_HINKLEY_SETTINGS, PageHinkley } from './page-hinkley';

describe('PageHinkley mechanics', () => {
  it('raises an alarm exactly when the hand-computed statistic passes λ', () => {
    // δ = 0: means 0,0,0,0,.4 → m_5 = 2 − .4 = 1.6 > λ = 1 at t = 5
    const ph = new PageHinkley({ delta: 0, lambda: 1, min_instances: 1 });
    const alarms = [0, 0, 0, 0, 2].map((x) => ph.update(x));
    expect(alarms).toEqual([false, false, false, false, true]);
    expect(ph.drift_detected).toBe(true);
    expect(ph.detections).toBe(1);
    expect(ph.detection_times).toEqual([5]);
    expect(ph.n).toBe(0); // reset after the alarm
    ph.update(0);
    expect(ph.drift_detected).toBe(false);
    expect(ph.n).toBe(1);
  });

  it('tracks the running mean and the PH statistic', () => {
    const ph = new PageHinkley({ delta: 0.1, lambda: 100 });
    [1, 0, 1, 1].forEach((x) => ph.update(x));
    expect(ph.mean).toBeCloseTo(0.75, 12);
    expect(ph.n).toBe(4);
    // m: (1−1−.1) = −.1; −.1 + (0 − .5 − .1) = −.7; −.7 + (1 − 2/3 − .1) = −.4667;
    // −.4667 + (1 − .75 − .1) = −.3167; min −.7 → PH = .3833
    expect(ph.statistic).toBeCloseTo(0.7 - 0.3166666667, 8);
  });

  it('ignores decreases by default and catches them when asked', () => {
    const stream = [...Array<number>(200).fill(1), ...Array<number>(200).fill(0)];
    const up = new PageHinkley({ lambda: 5 });
    const down = new PageHinkley({ lambda: 5, direction: 'decrease' });
    for (const x of stream) {
      up.update(x);
      down.update(x);
    }
    expect(up.detections).toBe(0);
    expect(down.detections).toBe(1);
    expect(down.detection_times[0]).toBeGreaterThan(200);
  });

  it('skips non-finite values and respects min_instances', () => {
    const ph = new PageHinkley({ delta: 0, lambda: 0.5, min_instances: 3 });
    expect(ph.update(NaN)).toBe(false);
    expect(ph.skipped).toBe(1);
    expect(ph.t).toBe(0);
    ph.update(0);
    expect(ph.update(5)).toBe(false); // above λ but only 2 values
    expect(ph.update(5)).toBe(true);
  });

  it('freezes its settings and rejects invalid ones', () => {
    const ph = new PageHinkley({ lambda: 10 });
    expect(Object.isFrozen(ph.settings)).toBe(true);
    expect(ph.settings).toEqual({ ...DEFAULT_PAGE_HINKLEY_SETTINGS, lambda: 10 });
    expect(() => new PageHinkley({ alpha: 0 })).toThrow(RangeError);
    expect(() => new PageHinkley({ delta: -1 })).toThrow(RangeError);
    expect(() => new PageHinkley({ min_instances: 0 })).toThrow(RangeError);
  });
});

/**
 * Bounds documented on PageHinkley (defaults δ = 0.02, λ = 40, α = 1). Measured: alarms on 1 of
 * 100 quiet streams of 20 000 and 0 of 20 of 10 000; after the shift 0 early, 0 missed, median
 * delay 285, p90 378.
 */
describe('PageHinkley defaults on seeded Bernoulli(0.2) error streams', () => {
  itKeepsTheDocumentedBounds(() => new PageHinkley());

  it('cries wolf with the forgetting factor the bounds warn about', () => {
    // Guard for the doc comment: α = 1 − 1e-4 makes the sum an AR(1) whose range trips λ.
    const r = quietStreams(() => new PageHinkley({ alpha: 1 - 1e-4 }), 20, 20_000, 0.2, 1000);
    expect(r.streams_with_alarm).toBeGreaterThan(1); // measured: 6
  });
});
