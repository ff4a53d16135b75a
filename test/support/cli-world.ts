import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliJson, requireBuiltCli, runCli } from './cli';

/** A world simulated and ingested by the built CLI, for one describe block. */
export interface CliWorld {
  /** The throwaway folder; the simulated world is in `world/` below it. */
  readonly dir: string;
  /** The stores in that folder, for every CLI call of the spec. */
  readonly env: NodeJS.ProcessEnv;
  /** `hirelearn ARGS --json` with env, parsed; throws with the CLI's stderr if it failed. */
  json<T>(args: readonly string[]): T;
}

/**
 * Call inside a describe block: its beforeAll simulates a world of `users` over `months` with
 * `seed` and ingests it into a DuckDB in a throwaway folder (with a SQLite document store too
 * when `documents`), its afterAll removes the folder.
 */
export function simulatedCliWorld(
  prefix: string,
  world: { readonly users: number; readonly months: number; readonly seed: number },
  options: { readonly documents?: boolean } = {},
): CliWorld {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    HIRELEARN_DB: `duckdb://${dir}/store.duckdb`,
    ...(options.documents ? { HIRELEARN_DOCUMENTS: `sqlite://${dir}/documents.sqlite` } : {}),
  };
  beforeAll(() => {
    requireBuiltCli();
    const sim = runCli([
      'simulate',
      '--users',
      String(world.users),
      '--months',
      String(world.months),
      '--seed',
      String(world.seed),
      '--out',
      `${dir}/world`,
    ]);
    expect(sim.code).toBe(0);
    expect(runCli(['ingest', `${dir}/world/events.ndjson`], env).code).toBe(0);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, env, json: <T>(args: readonly string[]) => cliJson<T>(args, env) };
}
