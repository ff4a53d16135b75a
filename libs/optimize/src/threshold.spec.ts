import { sketchAttribution, sketchRd } from './testing/effects';
import { optimizeStrategyThreshold, thresholdSweep } from './threshold';
import { DEFAULT_OPTIMIZE_SETTINGS, optimizeSettings } from './settings';

/** Ten users at each integer score 0..99: 400 at or above 60, 10 more per point below. */
const scores = Array.from({ length: 1000 }, (_, i) => Math.floor(i / 10));
const run = (ate: number, ci: [number, number], grade: 'HIGH' | 'MEDIUM' | 'LOW' = 'HIGH') =>
  optimizeStrategyThreshold({
    attribution: sketchAttribution([sketchRd({ ate, ci, grade })]),
    attribution_run_id: 'run-1',
    scores,
    current_threshold: 60,
  });

describe('optimizeStrategyThreshold', () => {
  it('the sweep, by hand: τ = +4 points, 10 applications, 3 improvement hours, 20 hours per interview', () => {
    const sweep = thresholdSweep(
      scores,
      60,
      { estimate: 0.04, interval: [0.01, 0.07] },
      DEFAULT_OPTIMIZE_SETTINGS.threshold,
    );
    expect(sweep.map((x) => x.threshold)).toEqual([50, 55, 58, 60, 62, 65, 70]);
    const at55 = sweep[1];
    // 450 users at or above 55: 50 more apply; 0.04 × 10 × 50 = 20 [5, 35] interviews;
    // 150 fewer hours improving; net 20 × 20 + 150 = 550 hours.
    expect(at55.users_above).toBe(450);
    expect(at55.shift).toBe(50);
    expect(at55.expected_interviews.estimate).toBeCloseTo(20, 10);
    expect(at55.expected_interviews.interval[0]).toBeCloseTo(5, 10);
    expect(at55.expected_interviews.interval[1]).toBeCloseTo(35, 10);
    expect(at55.effort_hours).toBe(-150);
    expect(at55.net_value_hours).toBeCloseTo(550, 10);
    expect(sweep[0].within_rd_range).toBe(false);
    expect(sweep[3]).toMatchObject({ shift: 0, net_value_hours: 0 });
  });

  it('a positive jump lowers the threshold as far as the RD supports (55, not 50)', () => {
    const r = run(0.04, [0.01, 0.07]);
    expect(r.status).toBe('ok');
    expect(r.recommendations).toHaveLength(1);
    expect(r.recommendations[0]).toMatchObject({
      component: 'strategy_engine',
      layer: 2,
      parameter: 'mode_threshold',
      current_value: 60,
      recommended_value: 55,
      risk: 'medium',
      route: 'a_b_test',
    });
    expect(r.recommendations[0].evidence[0]).toMatchObject({
      kind: 'rd_study',
      id: 'run-1/strategy_mode_at_threshold/rd',
    });
  });

  it('a negative jump raises it when the interviews pay for the effort; a small one lowers it', () => {
    // −4 points: at 65, 50 users improve first: 20 more interviews (400 h) against 150 h.
    expect(run(-0.04, [-0.07, -0.01]).recommendations[0].recommended_value).toBe(65);
    // ...but never to the aggressive threshold or above it.
    const capped = optimizeStrategyThreshold({
      attribution: sketchAttribution([sketchRd({ ate: -0.04, ci: [-0.07, -0.01], grade: 'HIGH' })]),
      scores,
      current_threshold: 60,
      aggressive_threshold: 65,
    });
    expect(capped.recommendations[0].recommended_value).toBe(62);
    // −1 point: at 55, 5 interviews lost (100 h) against 150 h of improvement work saved.
    const small = run(-0.01, [-0.018, -0.002]);
    expect(small.recommendations[0].recommended_value).toBe(55);
    expect(small.recommendations[0].expected_impact.estimate).toBeCloseTo(-5, 10);
    // At 2 improvement hours a user, −1 point breaks even both ways: the threshold stays.
    const even = optimizeStrategyThreshold(
      {
        attribution: sketchAttribution([
          sketchRd({ ate: -0.01, ci: [-0.018, -0.002], grade: 'HIGH' }),
        ]),
        scores,
        current_threshold: 60,
      },
      optimizeSettings({ threshold: { improvement_hours: 2 } }),
    );
    expect(even.status).toBe('no_change');
    expect(even.reasons[0]).toMatch(/gains more than its effort costs/);
  });

  it('a null or weakly graded RD leaves the threshold, with the sweep shown', () => {
    const nul = run(0.01, [-0.02, 0.04]);
    expect(nul.status).toBe('no_change');
    expect(nul.reasons[0]).toMatch(/contains 0/);
    expect(nul.analysis.sweep).toHaveLength(7);
    expect(run(0.04, [0.01, 0.07], 'LOW').status).toBe('no_change');
  });

  it('an RD at another cutoff, or none, is insufficient_data', () => {
    const other = optimizeStrategyThreshold({
      attribution: sketchAttribution([
        sketchRd({ ate: 0.04, ci: [0.01, 0.07], grade: 'HIGH' }, 60),
      ]),
      scores,
      current_threshold: 65,
    });
    expect(other.status).toBe('insufficient_data');
    expect(other.reasons[0]).toMatch(/cutoff 60, the threshold in force is 65/);
    expect(
      optimizeStrategyThreshold({
        attribution: sketchAttribution([]),
        scores,
        current_threshold: 60,
      }).status,
    ).toBe('insufficient_data');
    expect(() =>
      optimizeStrategyThreshold({
        attribution: sketchAttribution([]),
        scores: [120],
        current_threshold: 60,
      }),
    ).toThrow(/scores\[0\]/);
  });
});
