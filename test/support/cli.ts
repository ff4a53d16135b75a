import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The built CLI; `make build` (run by `make test` before jest) writes it. */
export const CLI = path.resolve(__dirname, '../../dist/apps/cli/main.js');

/** Fails the suite with a message that says what to do when the CLI is not built. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) {
    throw new Error(
      `the built CLI ${CLI} is missing: run 'make build' (or 'npm run build') before these tests`,
    );
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI to completion. */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  input?: string,
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input,
    // A hung CLI fails the test instead of blocking the suite.
    timeout: 120_000,
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the built CLI without waiting, for tests that kill it. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
}

/** Runs the CLI and parses its JSON output, failing with its stderr if it did not succeed. */
export function cliJson<T = Record<string, unknown>>(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): T {
  const result = runCli([...args, '--json'], env);
  if (result.code !== 0) {
    throw new Error(`hirelearn ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}

/** Runs the built CLI to completion without blocking the event loop (for parallel runs). */
export function runCliAsync(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const child = startCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The `host:port` a started service prints on its `NAME listening on ADDRESS` line; rejects,
 * with what the service wrote to stderr, if it exits first.
 */
export function listeningAddress(child: ChildProcess, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`${name} exited ${code}: ${err}`)));
  });
}
