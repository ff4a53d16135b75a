import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { refuterSettings } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { attributionSettings } from './settings';
import { loadAnalysisTable, type AnalysisTable } from './table';
import {
  attributeTable,
  attributeTableInWorkers,
  runAttribution,
  type OutcomeAttribution,
} from './run';

// The treatments on worker threads must give the run of one thread, effect for effect, and the
// built CLI (`make build` writes dist/ before the tests) must find its worker script.
const DIST = path.resolve(__dirname, '../../../dist/apps/cli');
const CLI = path.join(DIST, 'main.js');
const WORKER = path.join(DIST, 'attribution-worker.js');
const now = new Date('2026-02-01T00:00:00Z');
// Jest slows the in-thread run several-fold: a few treatments and refits compare the paths,
// the CLI is compared with the whole default run through the same worker script.
const quick = { refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }) };
const oneThread = attributionSettings({ ...quick, workers: 1 });
const twoThreads = attributionSettings({ ...quick, workers: 2 });
const some = ['added_keywords', 'tailoring_applied', 'applied_on_tuesday', 'applied_in_morning'];
let dir: string;
let db: string;
let table: AnalysisTable;
let whole: OutcomeAttribution;

beforeAll(async () => {
  if (!existsSync(CLI) || !existsSync(WORKER)) {
    throw new Error(`the built CLI is missing under ${DIST}: run 'npm run build' first`);
  }
  const world = simulateWorld(defaultSimSettings({ users: 100, months: 4, seed: 5 }));
  dir = mkdtempSync(path.join(tmpdir(), 'attribution-workers-'));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, world.lines.join('\n'));
  db = path.join(dir, 'world.duckdb');
  const store = await EventStore.open(`duckdb://${db}`);
  try {
    await ingest(store, [file]);
    table = await loadAnalysisTable(store);
    whole = await runAttribution(store, { now, worker_script: WORKER });
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attribution on worker threads', () => {
  it('two workers give exactly the effects of one thread, in the same order', async () => {
    const options = { now, treatments: some, worker_script: WORKER };
    const parallel = await attributeTableInWorkers(table, { ...options, settings: twoThreads });
    const alone = attributeTable(table, { ...options, settings: oneThread });
    expect(parallel.effects.map((e) => e.treatment).sort()).toEqual([...some].sort());
    expect(parallel).toEqual(alone);
  }, 120_000);

  it('without the worker script it runs on the calling thread, same result', async () => {
    const options = { now, treatments: some.slice(0, 1) };
    const fallback = await attributeTableInWorkers(table, {
      ...options,
      settings: twoThreads,
      worker_script: path.join(dir, 'no-such-worker.js'),
    });
    expect(fallback.effects).toHaveLength(1);
    expect(fallback).toEqual(attributeTable(table, { ...options, settings: oneThread }));
  }, 120_000);

  it('`hirelearn attribution --json` from the built bundle (two workers) equals the in-process run and reports progress', () => {
    const out = spawnSync(
      process.execPath,
      [CLI, 'attribution', '--json', '--db', `duckdb://${db}`],
      {
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 << 20,
      },
    );
    // Progress goes to stderr, and nothing else does.
    const lines = out.stderr.split('\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^attribution: 1 of \d+ treatments analysed \(last: \w+\)$/);
    expect(lines.filter((l) => !l.startsWith('attribution: '))).toEqual([]);
    expect(out.status).toBe(0);
    const cli = JSON.parse(out.stdout) as OutcomeAttribution;
    const expected = JSON.parse(JSON.stringify(whole)) as OutcomeAttribution;
    expect(cli.effects.length).toBeGreaterThan(15);
    expect(cli.data_window).toEqual(expected.data_window);
    expect(cli.effects).toEqual(expected.effects);
  }, 120_000);

  it('refuses a worker count that is not a positive integer, naming the setting', () => {
    expect(() => attributionSettings({ workers: 0 })).toThrow(/workers must be an integer >= 1/);
  });

  it("refuses a worker heap's young generation that is not a positive integer of MB", () => {
    expect(() => attributionSettings({ worker_young_generation_mb: 0.5 })).toThrow(
      /worker_young_generation_mb must be an integer >= 1, got 0.5/,
    );
  });
});
