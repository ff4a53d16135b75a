import { WEEKDAYS } from '@hirelearn/attribution';
import { createRng } from '@hirelearn/stats';
import { sketchAttribution, sketchEffect } from './testing/effects';
import { optimizeTiming, type TimedApplication } from './timing';

/** 2026-11-02 is a Monday: day d (1 = Monday) at hour h, UTC. */
const at = (d: number, h: number, week: number) =>
  new Date(Date.UTC(2026, 10, 2 + (d - 1) + 7 * week, h)).toISOString();

/**
 * The Tuesday trap: strong users (interview rate 0.35) apply mostly on Tuesdays, weak users
 * (0.10) on any day; no user does better on a Tuesday than on another day.
 */
function tuesdayTrap(seed: number): TimedApplication[] {
  const rng = createRng(seed);
  const rows: TimedApplication[] = [];
  for (let u = 0; u < 400; u++) {
    const strong = u < 200;
    for (let a = 0; a < 10; a++) {
      const day = strong && rng.uniform() < 0.7 ? 2 : 1 + rng.int(7);
      const p = strong ? 0.35 : 0.1;
      const interview = rng.uniform() < p;
      rows.push({
        user_id: `u${u}`,
        submitted_at: at(day, 9 + rng.int(8), a),
        responded: interview || rng.uniform() < 0.3,
        reached_interview: interview,
      });
    }
  }
  return rows;
}

/** Within users, every weekday and band null (as the attribution grades the Tuesday trap). */
const nullTiming = [
  ...WEEKDAYS.map((d) =>
    sketchEffect({
      treatment: `applied_on_${d}`,
      ate: 0.002,
      ci: [-0.012, 0.016],
      grade: 'LOW',
      method: 'within_unit',
    }),
  ),
  ...['night', 'morning', 'afternoon', 'evening'].map((b) =>
    sketchEffect({
      treatment: `applied_in_${b}`,
      ate: -0.001,
      ci: [-0.015, 0.013],
      grade: 'MEDIUM',
      method: 'within_unit',
    }),
  ),
];

describe('optimizeTiming', () => {
  it('the Tuesday trap: cross-user Tuesday looks better, within users it is null: no recommendation', () => {
    const r = optimizeTiming({
      applications: tuesdayTrap(3),
      attribution: sketchAttribution(nullTiming),
    });
    const tuesday = r.analysis.by_weekday[1];
    expect(tuesday.key).toBe('tuesday');
    // The trap is there: Tuesday's cross-user interview rate is well above the other days'.
    expect(tuesday.vs_rest!.difference).toBeGreaterThan(0.05);
    expect(tuesday.vs_rest!.p_value).toBeLessThan(0.001);
    expect(tuesday.within_user!.not_actionable).toMatch(/graded LOW/);
    expect(r.status).toBe('no_change');
    expect(r.recommendations).toHaveLength(0);
    expect(r.reasons[0]).toMatch(/^timing makes no difference/);
    expect(r.analysis.confounded.some((c) => c.startsWith('tuesday: cross-user +'))).toBe(true);
    // Rates come with intervals around them.
    for (const c of r.analysis.by_weekday) {
      expect(c.interviews.interval[0]).toBeLessThanOrEqual(c.interviews.rate!);
      expect(c.responses.interval[1]).toBeGreaterThanOrEqual(c.responses.rate!);
    }
    expect(r.analysis.by_hour).toHaveLength(24);
  });

  it('a within-user effect graded well with its interval excluding 0 moves the preference; nothing else does', () => {
    const effects = [
      ...nullTiming.filter(
        (e) =>
          ![
            'applied_on_wednesday',
            'applied_on_friday',
            'applied_in_morning',
            'applied_on_sunday',
          ].includes(e.treatment),
      ),
      sketchEffect({
        treatment: 'applied_on_wednesday',
        ate: 0.03,
        ci: [0.012, 0.048],
        grade: 'HIGH',
        method: 'within_unit',
      }),
      sketchEffect({
        treatment: 'applied_in_morning',
        ate: 0.02,
        ci: [0.004, 0.036],
        grade: 'HIGH',
        method: 'within_unit',
      }),
      // A negative one is a day to avoid.
      sketchEffect({
        treatment: 'applied_on_sunday',
        ate: -0.04,
        ci: [-0.06, -0.02],
        grade: 'HIGH',
        method: 'within_unit',
      }),
      // HIGH but not within users (a cross-user adjusted estimate): never acted on.
      sketchEffect({
        treatment: 'applied_on_friday',
        ate: 0.05,
        ci: [0.03, 0.07],
        grade: 'HIGH',
        method: 'aipw',
      }),
    ];
    const r = optimizeTiming({
      applications: tuesdayTrap(3),
      attribution: sketchAttribution(effects),
      attribution_run_id: 'run-7',
    });
    expect(r.status).toBe('ok');
    const byParam = Object.fromEntries(r.recommendations.map((x) => [x.parameter, x]));
    expect(Object.keys(byParam).sort()).toEqual(['submission_days', 'submission_hours']);
    const days = byParam.submission_days;
    // The better day beats every other within users: the planner submits on it.
    expect(days.current_value).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    expect(days.recommended_value).toEqual(['wed']);
    expect(days.layer).toBe(5);
    expect(days.expected_impact).toEqual({
      metric: 'interview_rate',
      estimate: 0.03,
      interval: [0.012, 0.048],
      unit: 'probability',
    });
    expect(days.evidence.map((e) => e.id)).toContain('run-7/applied_on_wednesday/within_unit');
    expect(days.evidence.map((e) => e.kind)).toEqual(['causal_effect', 'timing_table']);
    expect(days.confidence).toBe(0.9);
    expect(days.route).toBe('a_b_test');
    const hours = byParam.submission_hours;
    expect(hours.current_value).toEqual({ start: 0, end: 24 });
    expect(hours.recommended_value).toEqual({ start: 6, end: 12 });
    expect(hours.confidence).toBe(0.9);
    expect(r.analysis.by_weekday[4].within_user!.not_actionable).toMatch(
      /not a within-user estimate/,
    );
  });

  it('a MEDIUM within-user estimate, even with its interval excluding 0, changes nothing', () => {
    // The 200-user nightly world graded a null Wednesday MEDIUM, -4.0 [-6.7, -1.2], q 0.03.
    const r = optimizeTiming({
      applications: tuesdayTrap(3),
      attribution: sketchAttribution([
        sketchEffect({
          treatment: 'applied_on_wednesday',
          ate: -0.04,
          ci: [-0.067, -0.012],
          grade: 'MEDIUM',
          method: 'within_unit',
        }),
      ]),
    });
    expect(r.status).toBe('no_change');
    expect(r.recommendations).toEqual([]);
    expect(r.reasons.join(' ')).toMatch(/timing makes no difference/);
  });

  it('with only worse days and bands, the days and hours in force lose them', () => {
    const effects = [
      sketchEffect({
        treatment: 'applied_on_sunday',
        ate: -0.04,
        ci: [-0.06, -0.02],
        grade: 'HIGH',
        method: 'within_unit',
      }),
      sketchEffect({
        treatment: 'applied_in_evening',
        ate: -0.03,
        ci: [-0.05, -0.01],
        grade: 'HIGH',
        method: 'within_unit',
      }),
    ];
    const r = optimizeTiming({
      applications: tuesdayTrap(2).slice(0, 500),
      attribution: sketchAttribution(effects),
      current: { submission_days: ['mon', 'wed', 'sun'] },
      current_submission_hours: { start: 8, end: 22 },
    });
    const byParam = Object.fromEntries(r.recommendations.map((x) => [x.parameter, x]));
    expect(byParam.submission_days.recommended_value).toEqual(['mon', 'wed']);
    expect(byParam.submission_days.expected_impact.estimate).toBeCloseTo(0.04, 12);
    expect(byParam.submission_days.expected_impact.interval).toEqual([0.02, 0.06]);
    expect(byParam.submission_hours.recommended_value).toEqual({ start: 8, end: 18 });
    // A worse band inside the hours cannot be cut out of one window: said, not recommended.
    const inside = optimizeTiming({
      applications: [],
      attribution: sketchAttribution([{ ...effects[1], treatment: 'applied_in_afternoon' }]),
      current_submission_hours: { start: 0, end: 24 },
    });
    expect(inside.status).toBe('no_change');
    expect(inside.reasons[0]).toMatch(/cannot express/);
  });

  it('a preference already in force is no_change; no timing estimate at all is insufficient_data', () => {
    const effects = [
      sketchEffect({
        treatment: 'applied_on_wednesday',
        ate: 0.03,
        ci: [0.012, 0.048],
        grade: 'HIGH',
        method: 'within_unit',
      }),
    ];
    const r = optimizeTiming({
      applications: tuesdayTrap(1).slice(0, 500),
      attribution: sketchAttribution(effects),
      current: { submission_days: ['wed'] },
    });
    expect(r.status).toBe('no_change');
    expect(r.reasons[0]).toMatch(/already in force/);
    const none = optimizeTiming({ applications: [], attribution: sketchAttribution([]) });
    expect(none.status).toBe('insufficient_data');
  });

  it('refuses an unreadable submission time, naming the row', () => {
    expect(() =>
      optimizeTiming({
        applications: [
          { user_id: 'u', submitted_at: 'tuesday', responded: false, reached_interview: false },
        ],
        attribution: sketchAttribution(nullTiming),
      }),
    ).toThrow(/applications\[0\]\.submitted_at/);
  });
});
