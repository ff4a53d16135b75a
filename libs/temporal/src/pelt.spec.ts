import { createRng } from '@hirelearn/stats';
import { changePoints } from './pelt';
import { DEFAULT_TEMPORAL_SETTINGS } from './settings';

const spec = {
  penalty: DEFAULT_TEMPORAL_SETTINGS.pelt_penalty,
  min_segment: DEFAULT_TEMPORAL_SETTINGS.min_segment_days,
};

describe('changePoints (PELT)', () => {
  it('finds known breaks in mean and in variance where they are', () => {
    const rng = createRng(7);
    const x = [
      ...Array.from({ length: 120 }, () => rng.normal(10, 1)),
      ...Array.from({ length: 90 }, () => rng.normal(13, 1)),
      ...Array.from({ length: 150 }, () => rng.normal(13, 3)),
    ];
    const r = changePoints(x, spec);
    expect(r.status).toBe('ok');
    expect(r.change_points.map((c) => c.index)).toHaveLength(2);
    expect(Math.abs(r.change_points[0].index - 120)).toBeLessThanOrEqual(3);
    expect(Math.abs(r.change_points[1].index - 210)).toBeLessThanOrEqual(10);
    expect(r.change_points[0].mean_before).toBeCloseTo(10, 0);
    expect(r.change_points[0].relative_change).toBeCloseTo(0.3, 1);
    expect(r.change_points[1].sd_after).toBeCloseTo(3, 0);
    for (const c of r.change_points) expect(c.strength).toBeGreaterThanOrEqual(spec.penalty);
  });

  it('raises no false alarm on 100 series without a change', () => {
    let alarms = 0;
    for (let seed = 0; seed < 100; seed++) {
      const rng = createRng(seed);
      const x = Array.from({ length: 365 }, () => rng.normal(40, 6));
      alarms += changePoints(x, spec).change_points.length;
    }
    expect(alarms).toBe(0);
  });

  it('keeps segments of at least min_segment and says when a series is too short', () => {
    const x = [...new Array(40).fill(0), ...new Array(40).fill(5)].map((v, i) => v + (i % 3));
    expect(changePoints(x, spec).change_points.map((c) => c.index)).toEqual([40]);
    const short = changePoints(x.slice(0, 59), spec);
    expect(short.status).toBe('too_short_for_segment');
    expect(short.reason).toMatch(/60/);
    expect(changePoints(new Array(80).fill(2), spec).status).toBe('constant_series');
  });
});
