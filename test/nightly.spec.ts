import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { requireBuiltCli, runCli, startCli } from './support/cli';

/**
 * `hirelearn nightly` on a small simulated world, through the built CLI: every step recorded
 * in `nightly_runs`; a step that fails (an unreachable drift monitor) recorded with its error
 * while the steps independent of it run, and the exit code naming it; a run killed midway
 * marked interrupted by the next, which starts clean, with nothing of the killed run
 * published; attribution stored with its run and read back.
 */

interface Step {
  readonly name: string;
  readonly needs: string[];
  readonly status: string;
  readonly duration_ms: number | null;
  readonly produced: string[];
  readonly summary: Record<string, unknown>;
  readonly error: string | null;
}
interface Run {
  readonly run_id: string;
  readonly status: string;
  readonly window: { since: string | null; until: string | null };
  readonly steps: Step[];
  readonly failed_steps: string[];
  readonly error: string | null;
}

interface Effect {
  readonly treatment: string;
  readonly method: string;
  readonly causal_confidence: string;
}
interface Rec {
  readonly recommendation_id: string;
  readonly component: string;
  readonly run_id: string | null;
  readonly parameter: string;
  readonly recommended_value: unknown;
  readonly evidence: { id: string }[];
}

const STEPS = [
  'quality_gate',
  'attribution',
  'optimize',
  'recommendations',
  'ramp',
  'monitor',
  'feedback_loop',
  'personalize',
  'insight_quality',
];

let dir: string;
let env: Record<string, string>;
/** The clean run of the first test, on the whole log. */
let cleanRun: Run | undefined;

const cli = (args: string[]) => runCli(args, env);
const json = <T>(args: string[]): T => {
  const r = cli([...args, '--json']);
  if (r.code !== 0) throw new Error(`hirelearn ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
};
const step = (run: Run, name: string) => run.steps.find((s) => s.name === name)!;

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-nightly-'));
  env = {
    HIRELEARN_DB: `duckdb://${path.join(dir, 'events.duckdb')}`,
    HIRELEARN_DOCUMENTS: `sqlite://${path.join(dir, 'documents.sqlite')}`,
    HIRELEARN_ARTIFACTS: path.join(dir, 'artifacts'),
  };
  const world = path.join(dir, 'world');
  const sim = cli(['simulate', '--users', '200', '--months', '4', '--seed', '3', '--out', world]);
  expect(sim.code).toBe(0);
  expect(cli(['ingest', path.join(world, 'events.ndjson')]).code).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hirelearn nightly', () => {
  it('a run killed midway is marked interrupted by the next, which runs every step clean', async () => {
    const child = startCli(['nightly'], env);
    child.stderr?.setEncoding('utf8');
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr?.on('data', (d: string) => {
        stderr += d;
        if (stderr.includes('[attribution] running')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`nightly exited ${code} first: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const killedId = /run (nightly-\S+) started/.exec(stderr)![1];

    const next = cli(['nightly', '--json']);
    expect(next.stderr).toContain(`run ${killedId} was interrupted`);
    expect(next.code).toBe(0);
    const run = JSON.parse(next.stdout) as Run;
    cleanRun = run;
    expect(run.status).toBe('ok');
    expect(run.steps.map((s) => s.name)).toEqual(STEPS);
    for (const s of run.steps) {
      expect(s.status).toBe('ok');
      expect(s.duration_ms).toBeGreaterThanOrEqual(0);
    }
    expect(step(run, 'attribution').needs).toEqual(['quality_gate']);
    expect(step(run, 'attribution').produced).toEqual([`attribution_results/${run.run_id}`]);
    // Every user the log knows gets a personalized configuration, published per user.
    const personalize = step(run, 'personalize');
    expect(personalize.needs).toEqual(['quality_gate']);
    expect(personalize.summary.published).toBe(personalize.summary.users);
    expect(personalize.summary.users).toBeGreaterThan(150);
    expect(personalize.summary.causal_priors).toBe(true);

    const killed = json<Run>(['runs', 'show', killedId]);
    expect(killed.status).toBe('interrupted');
    expect(step(killed, 'attribution').status).toBe('failed');
    expect(step(killed, 'attribution').error).toMatch(/^interrupted: its process \(pid \d+/);
    expect(step(killed, 'optimize').status).toBe('pending');
    // Nothing of the killed run was stored or published.
    expect(cli(['attribution', 'show', killedId]).stderr).toContain(
      `no attribution stored by run '${killedId}'`,
    );

    const list = json<Run[]>(['runs', 'list']);
    expect(list.map((r) => r.run_id)).toEqual([run.run_id, killedId]);
    const stored = json<{ run_id: string; effects: unknown[] }>(['attribution', 'show']);
    expect(stored.run_id).toBe(run.run_id);
    expect(stored.effects.length).toBeGreaterThan(0);
    expect(cli(['attribution', 'show']).stdout).toContain(`run ${run.run_id}`);
  }, 600_000);

  it("config user shows a user's published configuration over the layers in force; an unknown user is refused", () => {
    const view = json<{
      config: { user_id: string; run_id: string; overrides: Record<string, { value: unknown }[]> };
      planning: { applications_per_week: number };
      fit_weights: { weights: unknown };
    }>(['config', 'user', '--user', 'user-00001']);
    expect(view.config.user_id).toBe('user-00001');
    expect(view.config.run_id).toBe(cleanRun?.run_id);
    expect(view.planning.applications_per_week).toBe(view.config.overrides['5'][0].value);
    expect(view.fit_weights.weights).toEqual(view.config.overrides['6'][0].value);
    const text = cli(['config', 'user', '--user', 'user-00001']);
    expect(text.stdout).toMatch(/applications_per_week +\d+ +(own_and_segment|segment) /);
    const unknown = cli(['config', 'user', '--user', 'user-nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('rule: a personalized configuration exists only for a user');
  });

  it('a failing step is recorded with its error, the independent steps still run, the exit names it', () => {
    const r = cli(['nightly', '--json', '--monitor', '127.0.0.1:1', '--since', '2025-11-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed at step monitor \(drift monitor at 127\.0\.0\.1:1: /);
    expect(r.stderr).toContain('nightly: [monitor] failed');
    const run = JSON.parse(r.stdout) as Run;
    expect(run.status).toBe('failed');
    expect(run.failed_steps).toEqual(['monitor']);
    expect(run.window).toEqual({ since: '2025-11-01', until: null });
    expect(step(run, 'monitor').error).toContain('127.0.0.1:1');
    for (const name of STEPS.filter((n) => n !== 'monitor')) {
      expect(step(run, name).status).toBe('ok');
    }
    expect(json<Run>(['runs', 'show']).run_id).toBe(run.run_id);
    const stored = json<{ data_window: { since: string } }>(['attribution', 'show', run.run_id]);
    expect(stored.data_window.since).toBe('2025-11-01');
  }, 600_000);

  it('every planted helpful edit graded HIGH becomes a recommendation; no null treatment does', () => {
    const run = cleanRun!;
    expect(run).toBeDefined();
    const truth = JSON.parse(readFileSync(path.join(dir, 'world', 'truth.json'), 'utf8')) as {
      treatments: Record<string, { planted_effect: number }>;
    };
    const attribution = json<{ effects: Effect[] }>(['attribution', 'show', run.run_id]);
    const recs = json<Rec[]>(['recommendations', 'list']).filter((r) => r.run_id === run.run_id);
    const helpfulHigh = attribution.effects.filter(
      (e) =>
        e.method === 'aipw' &&
        e.causal_confidence === 'HIGH' &&
        (truth.treatments[e.treatment]?.planted_effect ?? 0) > 0 &&
        e.treatment !== 'tailoring_applied',
    );
    expect(helpfulHigh.length).toBeGreaterThan(0);
    for (const e of helpfulHigh) {
      // Suggested by layer 2: in its edit priority (or switched on), citing this run's effect.
      const rec = recs.find(
        (r) =>
          r.component === 'resume_edits' &&
          JSON.stringify(r.recommended_value).includes(`"${e.treatment}"`) &&
          r.evidence.some((x) => x.id.startsWith(`${run.run_id}/${e.treatment}/`)),
      );
      expect({ edit: e.treatment, recommended: rec !== undefined }).toEqual({
        edit: e.treatment,
        recommended: true,
      });
    }
    // The nulls: the edit stronger users take, and the Tuesday trap (no timing effect planted).
    expect(truth.treatments.reorganized_sections.planted_effect).toBe(0);
    expect(truth.treatments.submitted_on_tuesday.planted_effect).toBe(0);
    for (const r of recs) {
      expect(JSON.stringify(r.recommended_value)).not.toContain('reorganized_sections');
      for (const x of r.evidence) expect(x.id).not.toMatch(/reorganized_sections|tuesday/);
    }
    // What the step recorded is what the store holds.
    expect(step(run, 'recommendations').produced).toEqual(
      expect.arrayContaining(recs.map((r) => `recommendations/${r.recommendation_id}`)),
    );
    // Each delivered to its layer is logged for its quality, and the run reports that quality.
    const logged = step(run, 'recommendations').produced.filter((p) =>
      p.startsWith('insight_deliveries/'),
    );
    expect(logged).toHaveLength(recs.length);
    expect(step(run, 'insight_quality').summary).toMatchObject({
      deliveries: recs.length,
      system_wide: recs.length,
      acted_on: { status: 'insufficient_data' },
    });
  });
});
