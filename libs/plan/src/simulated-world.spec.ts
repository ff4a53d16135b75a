/**
 * Plans on a small simulated world (libs/sim: 200 users, 6 months, tailoring planted at +10
 * points) with the real ingest and the real attribution of tailoring: a user's plan sends a
 * larger share of applications where they beat their segment than the segment's plan for the
 * same market would, and tailors once the attribution backs tailoring and the week has more
 * hours than the fitting postings can use; without that evidence it never tailors.
 */
import {
  attributeTable,
  attributionSettings,
  loadAnalysisTable,
  type OutcomeAttribution,
} from '@hirelearn/attribution';
import { refuterSettings } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { categoryEvidence } from './evidence';
import { TAILORING_TREATMENT } from './levers';
import { applicationGroups, fittingPostingsPerWeek } from './plan-queries';
import { planForUser } from './plan-for-user';
import { DEFAULT_PLAN_SETTINGS } from './settings';
import { solvePlan } from './solve';
import type { MultiObjectivePlan, PlanCategory, PlanOption } from './types';

let store: EventStore;
let attribution: OutcomeAttribution;
let user: string;

beforeAll(async () => {
  const world = simulateWorld(
    defaultSimSettings({ users: 200, months: 6, seed: 5, outcome: { tailoringEffect: 0.1 } }),
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-world-'));
  try {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    store = await EventStore.open('duckdb::memory:');
    await ingest(store, [file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  attribution = attributeTable(await loadAnalysisTable(store), {
    settings: attributionSettings({
      refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
      workers: 1,
    }),
    treatments: [TAILORING_TREATMENT],
    now: new Date('2026-07-01T00:00:00Z'),
  });
  const [top] = await store.rows(
    `SELECT user_id FROM applications WHERE final_status <> 'pending' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  user = String(top.user_id);
}, 120_000);

afterAll(() => store.close());

const mostInterviews = (p: MultiObjectivePlan): PlanOption =>
  p.front.reduce((a, b) => (b.interviews_per_month > a.interviews_per_month ? b : a));

/** The share of a plan's applications in a category. */
const share = (o: PlanOption, c: PlanCategory) =>
  o.applications_per_week[c] / o.total_applications_per_week;

describe('plans on a simulated world', () => {
  it("sends a larger share where the user beats their segment than the segment's own plan would", async () => {
    const plan = await planForUser(store, user, { hours_per_week: 10 });
    expect(plan).toMatchObject({ status: 'ok', basis: 'personal' });
    const inputs = plan.inputs!;
    // The same user and market, planned from the segment's figures alone (as for an opt-out).
    const s = DEFAULT_PLAN_SETTINGS;
    const prior = await applicationGroups(
      store,
      { kind: 'peers', seniority: inputs.segment, without: null },
      s,
    );
    const postings = await fittingPostingsPerWeek(store, user, s);
    const segmentPlan = solvePlan(
      { ...inputs, categories: categoryEvidence([], prior, inputs.levers, s, postings) },
      s,
    );
    const lift = (c: (typeof inputs.categories)[number]) =>
      c.interview_probability /
      segmentPlan.inputs!.categories.find((x) => x.category === c.category)!.interview_probability;
    const best = [...inputs.categories].sort((a, b) => lift(b) - lift(a))[0];
    expect(lift(best)).toBeGreaterThan(1);
    expect(share(plan.recommended!, best.category)).toBeGreaterThan(
      share(segmentPlan.recommended!, best.category),
    );
  });

  it('with more hours than the fitting postings can use, tailors once the attribution backs it, never without it', async () => {
    const effect = attribution.effects.find((e) => e.treatment === TAILORING_TREATMENT)!;
    expect([effect.causal_confidence, effect.confidence_interval![0] > 0]).toEqual(['HIGH', true]);
    const backed = await planForUser(store, user, {
      hours_per_week: 60,
      attribution,
      attribution_run_id: 'sim-run',
    });
    const tailor = backed.inputs!.levers[0];
    expect(tailor.effect).toBe(effect.ate);
    expect(tailor.evidence).toMatch(/^sim-run\/tailoring_applied: \+/);
    // At 120 applications a week against about 30 fitting postings, a tailored application is
    // worth more than another untailored one: the most-interviews plan tailors some.
    expect(mostInterviews(backed).lever_shares[TAILORING_TREATMENT]).toBeGreaterThan(0.1);
    const unbacked = await planForUser(store, user, { hours_per_week: 60, attribution: null });
    for (const o of unbacked.front) expect(o.lever_shares[TAILORING_TREATMENT]).toBeLessThan(0.05);
  });
});
