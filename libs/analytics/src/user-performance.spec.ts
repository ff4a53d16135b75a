import type { EventStore } from '@hirelearn/store';
import { parsePeriod, type Period } from './period';
import { storeOf } from './testing/event-builder';
import { performanceWorld } from './testing/known-world';
import { allUserPerformance, userPerformance } from './user-performance';

const period = (t: string): Period => {
  const p = parsePeriod(t);
  if (p.status !== 'ok') throw new Error(p.reason);
  return p.period;
};

describe('userPerformance (known answers)', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await storeOf(performanceWorld());
  });
  afterAll(() => store?.close());

  it('counts every field of March 2025', async () => {
    const p = await userPerformance(store, 'u1', period('2025-03'));
    expect(p.status).toBe('ok');
    expect(p.total_applications).toBe(5);
    expect(p.applications_by_category).toEqual({ reach: 1, target: 3, safety: 1 });
    expect(p.interview_requests).toBe(2); // a1 was rejected after its interview: still counts
    expect(p.interview_rate.rate).toBeCloseTo(0.4);
    expect(p.interview_rate.n).toBe(5);
    expect(p.interview_rate.lower).toBeCloseTo(0.1176, 3); // Wilson 2/5
    expect(p.interview_rate.upper).toBeCloseTo(0.7693, 3);
    expect(p.offers).toBe(1);
    expect(p.offer_rate.rate).toBeCloseTo(0.2);
    expect(p.rejections).toBe(1); // a5's rejection came on 04-02, after the period
    // a4 by its ghosted event on 03-30; a3's 30 days of silence end on 04-04, after March.
    expect(p.ghosted).toBe(1);
    expect(p.avg_days_to_response).toBeCloseTo(3);
    expect(p.fastest_response_days).toBeCloseTo(2);
    expect(p.strategy_distribution).toEqual({ BALANCED: 3, APPLY_AGGRESSIVELY: 2 });
    expect(p.interview_rate_by_mode.BALANCED.rate).toBeCloseTo(2 / 3);
    expect(p.interview_rate_by_mode.APPLY_AGGRESSIVELY.rate).toBe(0);
    expect(p.resume_score_start).toBe(50);
    expect(p.resume_score_current).toBe(63);
    expect(p.resume_improvement).toBe(13);
    expect(p.rewrites_accepted).toBe(1);
    expect(p.rewrites_rejected).toBe(2);
  });

  it('cuts a period at its boundaries: outcomes after the end do not count', async () => {
    const p = await userPerformance(store, 'u1', period('2025-03-01..2025-03-09'));
    expect(p.total_applications).toBe(4);
    expect(p.interview_requests).toBe(2);
    expect(p.offers).toBe(0); // a2's offer came on 03-20
    expect(p.rejections).toBe(0); // a1's rejection came on 03-10
    expect(p.ghosted).toBe(0); // nobody silent 30 days by 03-09; a4's ghosted event is later
    expect(p.avg_days_to_response).toBeCloseTo(3);
  });

  it('puts the first second of a month in that month', async () => {
    const april = await userPerformance(store, 'u1', period('2025-04'));
    expect(april.total_applications).toBe(1);
    expect(april.interview_requests).toBe(1);
    expect(april.applications_by_category.reach).toBe(1);
  });

  it('does not ghost an application still inside the window', async () => {
    const all = await userPerformance(store, 'u1', period('all'));
    expect(all.total_applications).toBe(7);
    expect(all.ghosted).toBe(2); // a3 by silence, a4 by event; a8 is 7 days old at the end
    expect(all.interview_requests).toBe(3);
    expect(all.rejections).toBe(2);
    expect(all.avg_days_to_response).toBeCloseTo((2 + 4 + 1.5 + 2) / 4);
    expect(all.fastest_response_days).toBeCloseTo(1.5);
  });

  it('reports a user without applications as a status', async () => {
    const p = await userPerformance(store, 'nobody', period('2025-03'));
    expect(p.status).toBe('no_applications');
    expect(p.interview_rate.rate).toBeNull();
  });

  it('gives every user the same numbers in the all-users table', async () => {
    const rows = await allUserPerformance(store, period('2025-03'));
    expect(rows.map((r) => [r.user_id, r.total_applications, r.interview_requests])).toEqual([
      ['u1', 5, 2],
      ['u2', 1, 1],
    ]);
  });
});
