import { buildMonitorWorld, type MonitorWorld } from '../testing/monitor-world';
import { loadFirstApplications, type ApplicationOutcome } from './outcome-queries';
import { scoreVersion } from './run-monitor';
import type { LoggedPrediction, MonitoredVersion } from './types';

const version: MonitoredVersion = { model: 'cold-start', version: 1, stage: 'production' };
const AT = '2025-03-03T09:00:00.000Z';

/** A day-one prediction of user `u<i>`'s rate over their first 20 applications. */
const dayOne = (i: number, probability: number): LoggedPrediction => ({
  _id: `p${i}`,
  model: 'cold-start',
  version: 1,
  user_id: `u${i}`,
  application_id: '',
  inputs_hash: 'h',
  probability,
  horizon: 20,
  predicted_at: AT,
});

describe("scoreVersion: day-one predictions, scored on the users' first applications", () => {
  // 10 users, each with 25 applications: the first 20 have 4 interviews (rate 0.2), the
  // five after them all interview (they are not the prediction's business).
  const firsts = new Map<string, string[]>();
  const outcomes = new Map<string, ApplicationOutcome>();
  for (let u = 0; u < 10; u++) {
    const ids = Array.from({ length: 25 }, (_, k) => `a${u}-${k}`);
    ids.forEach((id, k) => outcomes.set(id, { y: k % 5 === 0 || k >= 20 ? 1 : 0, features: {} }));
    firsts.set(`u${u}`, ids.slice(0, 20));
  }

  it('reads a calibrated rate as calibrated: ECE 0, Brier of 0.2 at a rate of 0.2', () => {
    const logged = Array.from({ length: 10 }, (_, i) => dayOne(i, 0.2));
    const [w] = scoreVersion(version, logged, outcomes, undefined, firsts);
    expect(w).toMatchObject({ status: 'ok', n_predictions: 200, n_labelled: 200 });
    expect(w.ece).toBeCloseTo(0, 12);
    expect(w.positive_rate).toBeCloseTo(0.2, 12);
    expect(w.brier).toBeCloseTo(0.2 * 0.8 ** 2 + 0.8 * 0.2 ** 2, 12);
  });

  it('finds an overconfident rate miscalibrated (0.6 predicted, 0.2 realized)', () => {
    const logged = Array.from({ length: 10 }, (_, i) => dayOne(i, 0.6));
    const [w] = scoreVersion(version, logged, outcomes, undefined, firsts);
    expect(w.ece).toBeCloseTo(0.4, 12);
    expect(w.critical).toContain('ece_above_threshold');
  });

  it('leaves the prediction of a user who has not applied, or whose outcomes are out, unlabelled', () => {
    const logged = [dayOne(99, 0.2), dayOne(0, 0.2)];
    const [w] = scoreVersion(version, logged, new Map(), undefined, firsts);
    expect(w).toMatchObject({ n_predictions: 21, n_labelled: 0, status: 'insufficient_data' });
  });
});

describe('loadFirstApplications', () => {
  let world: MonitorWorld;
  beforeAll(async () => {
    world = await buildMonitorWorld({ users: 40, months: 3, seed: 5, change: 0 });
  });
  afterAll(() => world.store.close());

  it("lists each user's first applications in submission order, at most the horizon", async () => {
    const firsts = await loadFirstApplications(world.store, 3);
    const rows = await world.store.rows(
      `SELECT user_id, application_id FROM applications
       ORDER BY user_id, coalesce(submitted_at, created_at), application_id`,
    );
    const expected = new Map<string, string[]>();
    for (const r of rows) {
      const ids = expected.get(String(r.user_id)) ?? [];
      if (ids.length < 3) ids.push(String(r.application_id));
      expected.set(String(r.user_id), ids);
    }
    expect(expected.size).toBeGreaterThan(10);
    expect(firsts).toEqual(expected);
  });
});
