/**
 * What the DuckDB benches (analytics, resume-dna, temporal) share: a throwaway database with a
 * memory cap, the SqlSource the analytics library reads through, wall-clock timing and the
 * process's peak memory, so each bench holds only its workload and its figures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { type SqlSource } from '@hirelearn/store';

export interface BenchDuckDb {
  /** For the bench's own statements (generating rows, a plain scan). */
  readonly connection: DuckDBConnection;
  /** The same connection as the analytics library reads it. */
  readonly db: SqlSource;
}

/** Runs `work` on a new DuckDB file in a temporary folder, removed afterwards. */
export async function withBenchDuckDb<T>(
  prefix: string,
  memoryLimit: string,
  work: (bench: BenchDuckDb) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const instance = await DuckDBInstance.create(path.join(dir, 'bench.duckdb'), {
    memory_limit: memoryLimit,
  });
  const connection = await instance.connect();
  try {
    const db: SqlSource = {
      rows: async (sql, params) =>
        (await connection.runAndReadAll(sql, params ?? [])).getRowObjectsJson() as Record<
          string,
          unknown
        >[],
    };
    return await work({ connection, db });
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value of `work` and its best wall-clock time in seconds over `repeats` runs. */
export async function timed<T>(
  work: () => Promise<T>,
  repeats = 1,
): Promise<{ value: T; seconds: number }> {
  let best = Infinity;
  let value!: T;
  for (let r = 0; r < repeats; r++) {
    const t = process.hrtime.bigint();
    value = await work();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  return { value, seconds: best };
}

/** The process's peak resident memory in MB (VmHWM; the current RSS where /proc is absent). */
export function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Math.round(process.memoryUsage().rss / 1048576);
}
