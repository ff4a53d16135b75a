/**
 * Plans from a store: a small world where two users each do well in one category and their
 * segment in another. Each user's plan sends more where it works for them; the user who opted
 * out of personalization gets the segment's plan, said so; unknown and erased users are refused.
 */
import type { EventStore } from '@hirelearn/store';
import { fittingPostingsPerWeek } from './plan-queries';
import { planForUser } from './plan-for-user';
import { planSettings } from './settings';
import { PlanWorld, type Planted } from './testing/plan-world';

const PEER: Planted = { reach: [10, 2], target: [10, 4], safety: [10, 2] };
const SAFETY_WORKS: Planted = { reach: [20, 1], target: [20, 2], safety: [20, 12] };
const REACH_WORKS: Planted = { reach: [20, 12], target: [20, 2], safety: [20, 1] };

let store: EventStore;

beforeAll(async () => {
  const world = new PlanWorld();
  for (let i = 0; i < 10; i++) world.profile(`peer-${i}`).applications(`peer-${i}`, PEER);
  world.profile('u-safety').applications('u-safety', SAFETY_WORKS);
  world.profile('u-reach').applications('u-reach', REACH_WORKS);
  world.profile('u-out').applications('u-out', SAFETY_WORKS).optOut('u-out', 'personalization');
  world
    .profile('u-staff', 'staff')
    .applications('u-staff', { reach: [2, 1], target: [2, 0], safety: [2, 0] });
  world.profile('u-gone').applications('u-gone', PEER).erase('u-gone');
  // Postings for a Data Scientist at mid level, the last 4 weeks ending on day 100: 8 a step up,
  // 4 at mid, 12 a step down; a staff one (two steps up), an older one and another role do not count.
  world.profile('u-market', 'mid', ['Data Scientist']);
  const posts: [string, string, number][] = [
    ['Senior Data Scientist', 'senior', 8],
    ['Data Scientist', 'mid', 4],
    ['Junior Data Scientist', 'junior', 12],
    ['Staff Data Scientist', 'staff', 1],
    ['Product Manager', 'mid', 3],
  ];
  for (const [title, seniority, n] of posts)
    for (let i = 0; i < n; i++) world.posting(title, seniority, 75 + i);
  world.posting('Data Scientist', 'mid', 100).posting('Data Scientist', 'mid', 60);
  store = await world.store();
});

afterAll(() => store.close());

describe('planForUser on a small world', () => {
  it('recommends more of what works for each user', async () => {
    const safety = await planForUser(store, 'u-safety', { hours_per_week: 10 });
    const reach = await planForUser(store, 'u-reach', { hours_per_week: 10 });
    expect(safety).toMatchObject({ status: 'ok', basis: 'personal' });
    const s = safety.recommended!.applications_per_week;
    const r = reach.recommended!.applications_per_week;
    expect(s.safety).toBeGreaterThan(s.reach + s.target);
    expect(r.reach).toBeGreaterThan(r.safety + r.target);
    // Their own 12 of 20 pulled toward the segment's safety rate (10 * 2 + 12 + 1 + 12) / 160
    // by 10 pseudo-applications: (12 + 10 * 45/160) / 30.
    const ev = safety.inputs!.categories.find((c) => c.category === 'safety')!;
    expect(ev.own_interview_rate).toMatchObject({ successes: 12, n: 20 });
    expect(ev.segment_interview_rate).toMatchObject({ successes: 45, n: 160 });
    expect(ev.interview_probability).toBeCloseTo((12 + (10 * 45) / 160) / 30, 12);
    // Alignment: the target role everywhere; seniority one step off for reach and safety.
    expect(safety.inputs!.categories.map((c) => c.alignment)).toEqual([0.75, 1, 0.75]);
    expect(safety.trade_off).toMatch(/^Recommended: /);
  });

  it('opted out of personalization: a segment-level plan from the others, saying so', async () => {
    const plan = await planForUser(store, 'u-out', { hours_per_week: 10 });
    expect(plan).toMatchObject({ status: 'ok', basis: 'segment' });
    expect(plan.inputs!.notes[0]).toMatch(
      /^opted out of personalization: this is a segment-level plan/,
    );
    expect(plan.trade_off).toMatch(/^Recommended \(from your segment, not your own history\): /);
    for (const c of plan.inputs!.categories) expect(c.own_interview_rate.n).toBe(0);
    // The segment without them: peers' target 4 of 10 leads; their own safety 12 of 20 is unused.
    const target = plan.inputs!.categories.find((c) => c.category === 'target')!;
    expect(target.segment_interview_rate).toMatchObject({ successes: 44, n: 140 });
    const a = plan.recommended!.applications_per_week;
    expect(a.target).toBeGreaterThan(a.safety);
  });

  it('a segment of fewer than k users sharing data: the prior is every user, said in a note', async () => {
    const plan = await planForUser(store, 'u-staff', { hours_per_week: 5 });
    expect(plan.status).toBe('ok');
    expect(plan.inputs!.segment).toBeNull();
    expect(plan.inputs!.notes).toContain(
      'fewer than 10 staff users share their data: the prior is every user',
    );
  });

  it('zero hours a week: the reason, not an empty front', async () => {
    const plan = await planForUser(store, 'u-safety', { hours_per_week: 0 });
    expect(plan).toMatchObject({
      status: 'infeasible',
      reason_code: 'no_feasible_plan',
      front: [],
    });
    expect(plan.reason).toMatch(/^no feasible plan: 0 h a week cannot hold 1 application/);
  });

  it('refuses an unknown user and an erased one, naming why', async () => {
    expect(await planForUser(store, 'nobody')).toMatchObject({
      status: 'refused',
      reason_code: 'unknown_user',
      reason: "user 'nobody' is unknown: no profile and no application is stored for them",
      front: [],
      recommended: null,
    });
    expect(await planForUser(store, 'u-gone')).toMatchObject({
      status: 'refused',
      reason_code: 'erased_user',
    });
  });

  it('counts the postings a week that fit the user from JOB_POSTED, by category', async () => {
    const plan = await planForUser(store, 'u-market', { hours_per_week: 10 });
    // Within 28 days of day 100: 8 senior, 4 + 1 (day 100) mid, 12 junior Data Scientist postings.
    expect(plan.inputs!.categories.map((c) => c.fitting_postings_per_week)).toEqual([2, 1.25, 3]);
    const other = await planForUser(store, 'u-safety', { hours_per_week: 10 });
    expect(other.inputs!.categories.map((c) => c.fitting_postings_per_week)).toEqual([10, 10, 10]);
    expect(other.inputs!.notes).toContain(
      'postings that fit the user not counted (no target roles or seniority in the profile, or no recent postings): 10 a week per category assumed',
    );
  });

  it('counts the postings over a window of part weeks (a setting the settings allow)', async () => {
    // 2.5 weeks before day 100 is after day 82.5: the junior postings of days 83-86 and the mid
    // one of day 100; the senior ones (days 75-82) are older.
    const postings = await fittingPostingsPerWeek(
      store,
      'u-market',
      planSettings({ postings_window_weeks: 2.5 }),
    );
    expect(postings).toEqual({ reach: 0, target: 1 / 2.5, safety: 4 / 2.5 });
  });

  it('assumes the default hours a week when none are given, and says so', async () => {
    const plan = await planForUser(store, 'u-reach');
    expect(plan.inputs!.hours_per_week).toBe(10);
    expect(plan.inputs!.notes).toContain('hours a week not given: 10 assumed');
  });
});
