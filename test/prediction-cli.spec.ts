import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listeningAddress, requireBuiltCli, runCli, startCli } from './support/cli';

/** `hirelearn models train` end to end on the built CLI: artifact, metrics, registration. */
describe('hirelearn models train', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const db = () => `duckdb://${path.join(dir, 'h.duckdb')}`;

  beforeAll(() => {
    requireBuiltCli();
    dir = mkdtempSync(path.join(tmpdir(), 'hl-train-cli-'));
    env = {
      HIRELEARN_DOCUMENTS: `sqlite://${path.join(dir, 'docs.sqlite')}`,
      HIRELEARN_ARTIFACTS: path.join(dir, 'artifacts'),
      HIRELEARN_CODE_VERSION: 'test',
    };
    const sim = runCli(['simulate', '--users', '80', '--months', '4', '--seed', '5', '--out', dir]);
    expect(sim.code).toBe(0);
    const ing = runCli(['ingest', path.join(dir, 'events.ndjson'), '--db', db()]);
    expect(ing.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains the fit-score weights, writes the artifact and registers a candidate', () => {
    const out = path.join(dir, 'fit.json');
    const r = runCli(
      ['models', 'train', 'fit-score', '--db', db(), '--seed', '3', '--out', out, '--json'],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.registered).toMatchObject({ model: 'fit-score', version: 1, stage: 'candidate' });
    const weights = Object.values(report.report.learned_weights) as number[];
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('hirelearn.fit-weights/v1');
    const shown = runCli(['models', 'list', '--json'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('fit-score');
  });

  it('scores the jobs of applications over gRPC with the production weights (score-fit)', async () => {
    const promoted = runCli(
      ['models', 'promote', 'fit-score', '1', '--by', 'test', '--reason', 'serve it'],
      env,
    );
    expect(promoted.stderr).toBe('');
    const service = startCli([
      'serve',
      'fit-score-learner',
      '--port',
      '0',
      '--documents',
      env.HIRELEARN_DOCUMENTS!,
      '--artifacts',
      env.HIRELEARN_ARTIFACTS!,
    ]);
    const exited = new Promise((resolve) => service.on('exit', resolve));
    try {
      const address = await listeningAddress(service, 'fit-score-learner');
      const ids = ['app-00001-0001', 'app-00001-0002', 'app-00002-0001'];
      const r = runCli(['score-fit', ...ids, '--db', db(), '--address', address, '--json'], env);
      expect(r.stderr).toBe('');
      const responses = JSON.parse(r.stdout) as {
        weights_version: string;
        scores: { job_id: string; fit_score: number; interview_probability: number }[];
      }[];
      // One request per user, one score per application, answered by the promoted version.
      expect(responses.map((x) => x.scores.length)).toEqual([2, 1]);
      for (const x of responses) {
        expect(x.weights_version).toBe('fit-score@1');
        for (const score of x.scores) {
          expect(score.job_id).toMatch(/^job-/);
          expect(score.fit_score).toBeGreaterThan(0);
          expect(score.interview_probability).toBeGreaterThan(0);
          expect(score.interview_probability).toBeLessThan(1);
        }
      }
    } finally {
      service.kill('SIGTERM');
      await exited;
    }
  }, 60_000);

  it('trains the ensemble quietly and reports each member beside it', () => {
    const out = path.join(dir, 'ensemble.json');
    const r = runCli(
      ['models', 'train', 'ensemble', '--db', db(), '--out', out, '--no-register', '--json'],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.registered).toBeNull();
    expect(Object.keys(report.report.members)).toEqual(['logistic', 'boosted_trees', 'neural_net']);
    expect(typeof report.report.beats_every_member).toBe('boolean');
    expect(report.metrics.ece).toBeGreaterThanOrEqual(0);
  });

  it('names the models it knows and the fix for an unknown one', () => {
    const r = runCli(['models', 'train', 'forest', '--db', db(), '--no-register'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown model "forest"/);
    expect(r.stderr).toMatch(/fix: use one of: ensemble, fit-score, cold-start/);
    expect(existsSync(path.join(dir, 'artifacts'))).toBe(true);
  });
});
