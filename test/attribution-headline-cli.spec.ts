import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliJson, requireBuiltCli, runCli } from './support/cli';

/**
 * `hirelearn attribution` says what each published interval is: the adjusted estimate, or a span
 * over a design-based estimate that disagreed with it (libs/attribution headline.ts).
 */

interface Effect {
  readonly treatment: string;
  readonly method: string;
  readonly headline_method: string;
  readonly headline_reason: string;
}

let dir: string;
let db: string;

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-headline-'));
  db = `duckdb://${path.join(dir, 'events.duckdb')}`;
  const world = path.join(dir, 'world');
  const sim = ['simulate', '--users', '300', '--months', '6', '--seed', '1', '--out', world];
  expect(runCli(sim).code).toBe(0);
  expect(runCli(['ingest', path.join(world, 'events.ndjson'), '--db', db]).code).toBe(0);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hirelearn attribution: the headline of each effect', () => {
  it('every effect names its headline; spans are listed with their reasons under the table', () => {
    const run = cliJson<{ effects: Effect[] }>(['attribution', '--db', db]);
    for (const e of run.effects) {
      expect(e.headline_reason.length).toBeGreaterThan(0);
      if (e.headline_method !== e.method) expect(e.headline_method).toMatch(/^span:aipw\+/);
    }
    const spans = run.effects.filter((e) => e.headline_method.startsWith('span:'));
    expect(spans.length).toBeGreaterThan(0);

    const text = runCli(['attribution', '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/treatment\s+method\s+headline\s+ate/);
    expect(text.stdout).toContain('headline span = the interval also spans');
    for (const e of spans) expect(text.stdout).toContain(`  ${e.treatment}: ${e.headline_reason}`);
  }, 600_000);
});
