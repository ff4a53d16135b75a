import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  analyzeFromStore,
  Assigner,
  Experiment,
  experimentMetrics,
  personalizationOptOuts,
  pullSufficientStats,
} from '@hirelearn/experiments';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { coverLetterExperiment } from './support/experiment';

/**
 * The analysis on a simulated world: the sufficient statistics pulled by the one query equal
 * a per-user computation from the facts, the randomized experiment of the simulator passes
 * the SRM check, a wrong allocation is caught as SRM, and opted-out users are never enrolled.
 */
let dir: string;
let store: EventStore;

const experiment = coverLetterExperiment();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-exp-'));
  const world = simulateWorld(defaultSimSettings({ users: 300, months: 6, seed: 1 }));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, world.lines.join('\n'));
  store = await EventStore.open('duckdb::memory:');
  await ingest(store, [file]);
  await addLateExposures();
});

/**
 * A second experiment whose users are exposed half-way through the world, so they have a
 * pre-period for CUPED; three users are exposed to both variants.
 */
const LATE = 'exp-late';
async function addLateExposures(): Promise<void> {
  const [range] = await store.rows(
    `SELECT epoch_ms(min(occurred_at)) AS lo, epoch_ms(max(occurred_at)) AS hi FROM raw_events`,
  );
  const mid = (Number(range.lo) + Number(range.hi)) / 2;
  const users = await store.rows(`SELECT DISTINCT user_id FROM applications ORDER BY 1`);
  const lines = users.map((u, i) =>
    JSON.stringify({
      event_id: `late-${i}`,
      event_type: 'EXPERIMENT_EXPOSURE',
      user_id: u.user_id,
      timestamp: new Date(mid + i * 60_000).toISOString(),
      experiment_id: LATE,
      variant_id: i % 2 === 0 ? 'control' : 'treatment',
    }),
  );
  for (let i = 0; i < 3; i++) {
    lines.push(
      JSON.stringify({
        event_id: `late-dup-${i}`,
        event_type: 'EXPERIMENT_EXPOSURE',
        user_id: users[i].user_id,
        timestamp: new Date(mid + 86_400_000).toISOString(),
        experiment_id: LATE,
        variant_id: i % 2 === 0 ? 'treatment' : 'control',
      }),
    );
  }
  const file = path.join(dir, 'late.ndjson');
  writeFileSync(file, lines.join('\n'));
  await ingest(store, [file]);
}
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('experiments on the simulated world', () => {
  it('the one query gives the same sums as a per-user computation from the facts', async () => {
    const data = await pullSufficientStats(
      store,
      experiment.experiment_id,
      experimentMetrics(experiment),
      60,
    );
    expect(data.status).toBe('ok');
    const exposures = await store.rows(
      `SELECT user_id, min(occurred_at) AS t, min(json_extract_string(payload, '$.variant_id')) AS v
       FROM raw_events WHERE event_type = 'EXPERIMENT_EXPOSURE'
         AND json_extract_string(payload, '$.experiment_id') = ? GROUP BY user_id`,
      [experiment.experiment_id],
    );
    const apps = await store.rows(
      `SELECT user_id, coalesce(submitted_at, created_at) AS t, reached_interview FROM applications`,
    );
    const byUser = new Map<string, { t: unknown; reached: boolean }[]>();
    for (const a of apps) {
      const list = byUser.get(String(a.user_id)) ?? [];
      list.push({ t: a.t, reached: a.reached_interview === true });
      byUser.set(String(a.user_id), list);
    }
    const expected: Record<string, { n: number; sum: number; sumSq: number }> = {};
    for (const e of exposures) {
      const v = String(e.v);
      const post = (byUser.get(String(e.user_id)) ?? []).filter((a) => String(a.t) >= String(e.t));
      const y = post.filter((a) => a.reached).length;
      const acc = (expected[v] ??= { n: 0, sum: 0, sumSq: 0 });
      acc.n++;
      acc.sum += y;
      acc.sumSq += y * y;
    }
    for (const mo of data.moments.interviews) {
      expect(mo.n).toBe(expected[mo.variant_id].n);
      expect(mo.sum).toBe(expected[mo.variant_id].sum);
      expect(mo.sum_sq).toBe(expected[mo.variant_id].sumSq);
    }
    expect(Object.values(data.users).reduce((a, b) => a + b, 0)).toBe(exposures.length);
  });

  it('analyses the randomized experiment: no SRM, every metric with unadjusted, Bayesian and sequential results', async () => {
    const r = await analyzeFromStore(store, experiment, {}, '2026-02-01T00:00:00Z');
    expect(r.srm?.mismatch).toBe(false);
    expect(r.variants.map((v) => v.variant_id)).toEqual(['control', 'assist']);
    expect(r.metrics.map((m) => m.metric_id)).toEqual([
      'interviews',
      'reached_interview',
      'applications',
      'ghosted_rate',
    ]);
    for (const m of r.metrics) {
      expect(Number.isFinite(m.unadjusted.p_value)).toBe(true);
      expect(m.bayesian.chance_to_win).toBeGreaterThanOrEqual(0);
      expect(m.sequential.ci[0]).toBeLessThanOrEqual(m.sequential.ci[1]);
      // Exposure happens at signup in the simulator: no pre-period, so CUPED says why not.
      expect(m.cuped === null ? m.cuped_status : 'ok').toMatch(/ok|no_covariate_variance/);
    }
    expect(JSON.parse(JSON.stringify(r)).experiment_id).toBe(experiment.experiment_id);
  });

  it('a broken allocation is caught as a sample-ratio mismatch and blocks the decision', async () => {
    const broken: Experiment = {
      ...experiment,
      variants: [
        { variant_id: 'control', value: false, allocation: 0.8 },
        { variant_id: 'assist', value: true, allocation: 0.2 },
      ],
    };
    const r = await analyzeFromStore(store, broken);
    expect(r.status).toBe('sample_ratio_mismatch');
    expect(r.srm?.p_value).toBeLessThan(0.001);
    expect(r.decision_blocked_by.length).toBeGreaterThan(0);
  });

  it('pulls the pre-period moments for CUPED and leaves out users exposed to two variants', async () => {
    const late: Experiment = {
      ...experiment,
      experiment_id: LATE,
      variants: [
        { variant_id: 'control', value: 0, allocation: 0.5 },
        { variant_id: 'treatment', value: 1, allocation: 0.5 },
      ],
    };
    const data = await pullSufficientStats(store, LATE, experimentMetrics(late), 60);
    expect(data.multiple_exposures).toBe(3);
    const exposures = await store.rows(
      `SELECT user_id, epoch_ms(min(occurred_at)) AS t, min(json_extract_string(payload, '$.variant_id')) AS v
       FROM raw_events WHERE event_type = 'EXPERIMENT_EXPOSURE'
         AND json_extract_string(payload, '$.experiment_id') = ? GROUP BY user_id
       HAVING count(DISTINCT json_extract_string(payload, '$.variant_id')) = 1`,
      [LATE],
    );
    const apps = await store.rows(
      `SELECT user_id, epoch_ms(coalesce(submitted_at, created_at)) AS t, reached_interview FROM applications`,
    );
    const expected: Record<string, { x: number; xx: number; xy: number; y: number }> = {};
    for (const e of exposures) {
      const t = Number(e.t);
      const mine = apps.filter((a) => a.user_id === e.user_id && a.reached_interview === true);
      const y = mine.filter((a) => Number(a.t) >= t).length;
      const x = mine.filter((a) => Number(a.t) < t && Number(a.t) >= t - 60 * 86_400_000).length;
      const acc = (expected[String(e.v)] ??= { x: 0, xx: 0, xy: 0, y: 0 });
      acc.x += x;
      acc.xx += x * x;
      acc.xy += x * y;
      acc.y += y;
    }
    for (const mo of data.moments.interviews) {
      expect(mo.sum).toBe(expected[mo.variant_id].y);
      expect(mo.pre).toEqual({
        sum: expected[mo.variant_id].x,
        sum_sq: expected[mo.variant_id].xx,
        sum_xy: expected[mo.variant_id].xy,
      });
    }
    expect(expected.control.x).toBeGreaterThan(0);
    const r = await analyzeFromStore(store, late);
    const interviews = r.metrics.find((m) => m.metric_id === 'interviews');
    expect(interviews?.cuped?.status).toBe('ok');
    expect(interviews?.primary).toBe('cuped');
    expect(interviews?.cuped?.variance_reduction).toBeGreaterThan(0);
  });

  it('pulls Σd, Σd², Σyd of a ratio metric in the same query and analyses interviews per application', async () => {
    const ratio: Experiment = { ...experiment, success_metric: 'interviews_per_application' };
    const data = await pullSufficientStats(
      store,
      ratio.experiment_id,
      experimentMetrics(ratio),
      60,
    );
    const exposures = await store.rows(
      `SELECT user_id, min(occurred_at) AS t, min(json_extract_string(payload, '$.variant_id')) AS v
       FROM raw_events WHERE event_type = 'EXPERIMENT_EXPOSURE'
         AND json_extract_string(payload, '$.experiment_id') = ? GROUP BY user_id`,
      [ratio.experiment_id],
    );
    const apps = await store.rows(
      `SELECT user_id, coalesce(submitted_at, created_at) AS t, reached_interview FROM applications`,
    );
    const expected: Record<string, { y: number; d: number; dd: number; yd: number }> = {};
    for (const e of exposures) {
      const post = apps.filter((a) => a.user_id === e.user_id && String(a.t) >= String(e.t));
      const y = post.filter((a) => a.reached_interview === true).length;
      const d = post.length;
      const acc = (expected[String(e.v)] ??= { y: 0, d: 0, dd: 0, yd: 0 });
      acc.y += y;
      acc.d += d;
      acc.dd += d * d;
      acc.yd += y * d;
    }
    for (const mo of data.moments.interviews_per_application) {
      const want = expected[mo.variant_id];
      expect(mo.sum).toBe(want.y);
      expect(mo.denominator).toEqual({ sum: want.d, sum_sq: want.dd, sum_yd: want.yd });
      expect(mo.pre).toBeUndefined();
    }
    const r = await analyzeFromStore(store, ratio, {}, '2026-02-01T00:00:00Z');
    const m = r.metrics.find((x) => x.metric_id === 'interviews_per_application');
    expect(m?.kind).toBe('ratio');
    expect(m?.unadjusted.status).toBe('ok');
    expect(m?.unadjusted.control_mean).toBeCloseTo(expected.control.y / expected.control.d, 12);
    expect(m?.unadjusted.treatment_mean).toBeCloseTo(expected.assist.y / expected.assist.d, 12);
    expect(m?.cuped).toBeNull();
    expect(Number.isFinite(m?.sequential.ci[0])).toBe(true);
  });

  it('reports a status, not an exception, for an experiment without exposures', async () => {
    const r = await analyzeFromStore(store, { ...experiment, experiment_id: 'exp-none' });
    expect(r.status).toBe('no_exposures');
    expect(r.metrics).toEqual([]);
  });

  it('users who opted out of personalization are never enrolled', async () => {
    const optedOut = await personalizationOptOuts(store);
    expect(optedOut.size).toBeGreaterThan(0);
    const users = await store.rows(`SELECT DISTINCT user_id FROM users ORDER BY 1`);
    const a = new Assigner([experiment]);
    let enrolled = 0;
    for (const u of users) {
      const id = String(u.user_id);
      const r = a.assign(experiment.experiment_id, id, optedOut.has(id));
      if (optedOut.has(id)) expect(r.variant_id).toBeNull();
      else if (r.variant_id !== null) enrolled++;
    }
    expect(enrolled).toBe(users.length - optedOut.size);
    a.destroy();
  });
});
