import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { personalizeAll } from './personalize';
import type {
  ParameterEvidence,
  PersonalizedConfig,
  PersonalizedParameter,
} from './personalized-config';

const BASE_WEIGHTS = { technical: 0.4, seniority: 0.2, experience: 0.2, signal: 0.2 };

const param = (c: PersonalizedConfig, name: string): PersonalizedParameter => {
  const p = c.parameters.find((x) => x.parameter === name);
  if (!p) throw new Error(`${c.user_id} has no ${name}`);
  return p;
};

describe('personalized configurations on a simulated world (300 users, 6 months)', () => {
  let configs: readonly PersonalizedConfig[];
  let known: number;
  beforeAll(async () => {
    const world = simulateWorld(defaultSimSettings({ users: 300, months: 6, seed: 5 }));
    const dir = mkdtempSync(path.join(tmpdir(), 'personalize-'));
    const store = await EventStore.open('duckdb::memory:');
    try {
      writeFileSync(path.join(dir, 'events.ndjson'), world.lines.join('\n'));
      await ingest(store, [path.join(dir, 'events.ndjson')]);
      const [row] = await store.rows(
        'SELECT count(*)::INTEGER AS n FROM (SELECT user_id FROM users UNION SELECT user_id FROM applications)',
      );
      known = Number(row.n);
      configs = await personalizeAll(store, {
        base_weights: BASE_WEIGHTS,
        now: new Date('2026-12-01T00:00:00Z'),
      });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('has a configuration for every user, each parameter with its evidence', () => {
    // Erased users (the world's deletion requests) are known no more.
    expect(configs.length).toBe(known);
    expect(known).toBeGreaterThan(280);
    for (const c of configs) {
      for (const p of c.parameters) {
        expect(Number.isFinite(p.value)).toBe(true);
        expect(p.evidence.shrinkage_weight).toBeGreaterThanOrEqual(0);
        expect(p.evidence.shrinkage_weight).toBeLessThanOrEqual(1);
        expect(p.evidence.n).toBeGreaterThanOrEqual(0);
      }
      const w = c.overrides['6'][0].value as Record<string, number>;
      expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('keeps a user with much data near their own figures and a thin user near the segment', () => {
    const personal = configs.filter((c) => c.basis === 'personal');
    const ev = (c: PersonalizedConfig, name: string) => param(c, name).evidence;
    const byN = [...personal].sort(
      (a, b) => ev(b, 'applications_per_week').n - ev(a, 'applications_per_week').n,
    );
    const [rich, thin] = [byN[0], byN[byN.length - 1]];
    const moved = (e: ParameterEvidence) =>
      Math.abs(e.shrunk_estimate - (e.own_estimate ?? NaN)) /
      Math.abs((e.own_estimate ?? NaN) - e.prior_mean);
    // Pace (gamma-Poisson, k in weeks): the richest user's own pace moves < 1/5 of the way.
    expect(ev(rich, 'applications_per_week').shrinkage_weight).toBeGreaterThan(0.8);
    expect(moved(ev(rich, 'applications_per_week'))).toBeLessThan(0.2);
    // Their interview rate of target jobs (beta-binomial, k in applications) mostly their own;
    // the thinnest user's almost the segment's.
    const target = 'planner.target_mix.target';
    expect(ev(rich, target).shrinkage_weight).toBeGreaterThan(0.5);
    expect(ev(thin, target).shrinkage_weight).toBeLessThan(0.1);
    expect(Math.abs(ev(thin, target).shrunk_estimate - ev(thin, target).prior_mean)).toBeLessThan(
      0.01,
    );
    // A user active a single week says little about their pace.
    const oneWeek = personal.find((c) => ev(c, 'applications_per_week').n === 1);
    if (oneWeek) expect(ev(oneWeek, 'applications_per_week').shrinkage_weight).toBeLessThan(0.5);
  });

  it('tilts the published fit weights only a little where components help everyone alike', () => {
    // The simulator gives every user the same fit effects: the tilts are noise around 0.
    for (const [k, base] of Object.entries(BASE_WEIGHTS)) {
      const w = configs.map((c) => (c.overrides['6'][0].value as Record<string, number>)[k]);
      expect(Math.abs(w.reduce((a, b) => a + b, 0) / w.length - base)).toBeLessThan(0.05);
      expect(Math.max(...w.map((v) => Math.abs(v - base)))).toBeLessThan(0.2);
    }
  });

  it('gives opted-out users the segment configuration and says so', () => {
    const out = configs.filter((c) => c.opt_out !== null);
    // Both ways of withholding it: an opt-out event and a profile's consent.
    expect(new Set(out.map((c) => c.opt_out?.how === 'consent_withheld'))).toEqual(
      new Set([true, false]),
    );
    for (const c of out) {
      expect(c.basis).toBe('segment');
      expect(c.basis_reason).toMatch(/opted out of personalization|withholds consent/);
      for (const p of c.parameters) {
        expect(p.evidence.shrinkage_weight).toBe(0);
        expect(p.evidence.own_estimate).toBeNull();
      }
    }
    // Everyone of one segment who opted out gets the same parameters.
    const bySegment = new Map<string, string>();
    for (const c of out) {
      const values = JSON.stringify(c.parameters.map((p) => p.value));
      expect(bySegment.get(c.segment.value) ?? values).toBe(values);
      bySegment.set(c.segment.value, values);
    }
  });
});
