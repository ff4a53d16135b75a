import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GrowthBook } from '@growthbook/growthbook';
import { cliJson, requireBuiltCli, runCli } from './support/cli';

/**
 * The experiments CLI end to end on a simulated world: create, the ethics refusal, start,
 * analyse, ramp, export (the payload a GrowthBook SDK serves the same variants from), assign,
 * rollback, and the change log.
 */
let dir: string;
let db: string;
let documents: string;

const definition = (id: string, ethicsOk = true) => ({
  experiment_id: id,
  name: 'Cover letter assist',
  hypothesis: 'assisted cover letters raise the interview rate',
  component: 'resume_analysis',
  parameter: 'cover_letter_assist',
  variants: [
    { variant_id: 'control', value: false, allocation: 0.5 },
    { variant_id: 'assist', value: true, allocation: 0.5 },
  ],
  success_metric: 'interview_rate',
  guardrail_metrics: ['applications', 'ghosted_rate'],
  ethics: {
    job_recommendation_change: 0,
    user_effort_change: ethicsOk ? 0.1 : 0.8,
    expected_benefit: 0.05,
    has_opt_out_path: true,
    has_rollback_plan: true,
  },
});

function writeDefinition(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

const x = (args: string[]) => ['experiments', ...args, '--documents', documents];

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-exp-cli-'));
  db = `duckdb://${path.join(dir, 'events.duckdb')}`;
  documents = `sqlite://${path.join(dir, 'documents.sqlite')}`;
  const sim = runCli(['simulate', '--users', '250', '--months', '3', '--seed', '5', '--out', dir]);
  expect(sim.code).toBe(0);
  expect(runCli(['ingest', path.join(dir, 'events.ndjson'), '--db', db]).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hirelearn experiments', () => {
  const ID = 'exp-cover-letter-assist';

  it('creates a draft and refuses to start an unethical one, naming the rule', () => {
    const created = cliJson(
      x(['create', '--file', writeDefinition('ok.json', definition(ID)), '--json']),
    );
    expect(created).toMatchObject({ experiment_id: ID, status: 'draft', hash_version: 2 });
    runCli(x(['create', '--file', writeDefinition('bad.json', definition('exp-effort', false))]));
    const refused = runCli(x(['start', 'exp-effort']));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('user_effort_rise');
  });

  it('starts at 10% coverage, analyses, ramps to 50%, and exports what the SDK serves', () => {
    expect(cliJson(x(['start', ID, '--json', '--who', 'ana', '--why', 'approved']))).toMatchObject({
      status: 'running',
      coverage: 0.1,
    });
    const r = cliJson(x(['analyze', ID, '--db', db, '--json'])) as {
      status: string;
      sample_size: number;
      srm: { mismatch: boolean };
      metrics: { metric_id: string }[];
    };
    expect(r.sample_size).toBeGreaterThan(200);
    expect(r.srm.mismatch).toBe(false);
    expect(r.metrics.map((m) => m.metric_id)).toEqual([
      'interview_rate',
      'applications',
      'ghosted_rate',
    ]);
    const ramp = cliJson(x(['ramp', ID, '--db', db, '--json'])) as {
      decision: { action: string; coverage_after: number; evidence: unknown };
    };
    expect(ramp.decision).toMatchObject({ action: 'ramp', coverage_after: 0.5 });
    expect(ramp.decision.evidence).toBeTruthy();

    const payload = cliJson(x(['export', ID])) as { features: Record<string, object> };
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    writeFileSync(path.join(dir, 'users.txt'), users.join('\n'));
    const assigned = cliJson(
      x(['assign', ID, '--users', path.join(dir, 'users.txt'), '--db', db, '--json']),
    ) as { user_id: string; variant_id: string | null }[];
    expect(assigned).toHaveLength(200);
    for (const a of assigned) {
      const gb = new GrowthBook({ attributes: { id: a.user_id }, features: payload.features });
      const res = gb.evalFeature(ID).experimentResult;
      expect(a.variant_id).toBe(res?.inExperiment ? res.key : null);
      gb.destroy();
    }
    const enrolled = assigned.filter((a) => a.variant_id !== null).length;
    expect(enrolled).toBeGreaterThan(60);
    expect(enrolled).toBeLessThan(140);
  });

  it('rolls back on request and keeps the change log', () => {
    expect(cliJson(x(['rollback', ID, '--json', '--why', 'demo over']))).toMatchObject({
      status: 'completed',
      outcome: 'rolled_back',
      shipped_variant: 'control',
    });
    const shown = cliJson(x(['show', ID, '--json'])) as {
      changes: { action: string; who: string; why: string }[];
      decisions: { action: string }[];
    };
    expect(shown.changes.map((c) => c.action)).toEqual([
      'create',
      'start',
      'coverage',
      'rolled_back',
    ]);
    expect(shown.changes[1]).toMatchObject({ who: 'ana', why: 'approved' });
    expect(shown.decisions.map((d) => d.action)).toEqual(['ramp', 'rollback']);
    const list = cliJson(x(['list', '--json'])) as { experiment_id: string }[];
    expect(list.map((e) => e.experiment_id).sort()).toEqual([
      'exp-cover-letter-assist',
      'exp-effort',
    ]);
  });

  it('says what to do when an experiment is unknown, and computes power', () => {
    const r = runCli(x(['show', 'nope']));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no experiment 'nope'");
    expect(
      cliJson(['experiments', 'power', '--baseline-rate', '0.1', '--effect', '0.02', '--json']),
    ).toEqual({
      users_needed: 7064,
    });
  });
});
