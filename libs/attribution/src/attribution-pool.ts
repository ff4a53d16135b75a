/**
 * The treatments' analyses on worker threads: each is independent of the others and costs
 * seconds on a large table, so two threads halve the nightly's wall time on two cores. The
 * table goes to each worker once (numeric columns in one SharedArrayBuffer, the ids cloned);
 * then workers take treatments one at a time from a shared queue, and the answers are put
 * back in the treatments' order, so the run is the same as on one thread.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { CausalAnalysis } from '@hirelearn/causal';
import type { AttributionSettings } from './settings';
import type { AnalysisTable } from './table';

/** What a worker is started with (`workerData`). */
export interface PackedTable {
  readonly n: number;
  readonly names: readonly string[];
  /** Column j of the table at [j·n, (j+1)·n). */
  readonly values: Float64Array;
  readonly user_ids: readonly string[];
  readonly submitted_at: readonly string[];
  readonly edit_types: readonly string[];
  readonly settings: AttributionSettings;
}

/** A request (index of a treatment and its name) and its answer. */
export interface PoolJob {
  readonly index: number;
  readonly name: string;
}
export interface PoolAnswer {
  readonly index: number;
  readonly analysis?: CausalAnalysis;
  readonly error?: string;
}

export function packTable(table: AnalysisTable, settings: AttributionSettings): PackedTable {
  const names = Object.keys(table.columns);
  const values = new Float64Array(
    new SharedArrayBuffer(names.length * table.n * Float64Array.BYTES_PER_ELEMENT),
  );
  names.forEach((name, j) => values.set(table.columns[name], j * table.n));
  return {
    n: table.n,
    names,
    values,
    user_ids: table.user_ids,
    submitted_at: table.submitted_at,
    edit_types: table.edit_types,
    settings,
  };
}

/** The table back from its packed form (application ids are not needed by the analyses). */
export function unpackTable(p: PackedTable): AnalysisTable {
  const columns: Record<string, number[]> = {};
  p.names.forEach((name, j) => {
    columns[name] = Array.from(p.values.subarray(j * p.n, (j + 1) * p.n));
  });
  return {
    n: p.n,
    application_ids: [],
    user_ids: p.user_ids,
    submitted_at: p.submitted_at,
    edit_types: p.edit_types,
    columns,
  };
}

/**
 * The analyses of `names` (treatments of `table`) on `workers` threads running `workerScript`
 * (the built `attribution-worker.js`), in the order of `names`; null when the script is
 * missing (running from source, e.g. under jest): the caller then runs them in thread.
 */
export function analyzeInWorkers(
  table: AnalysisTable,
  names: readonly string[],
  settings: AttributionSettings,
  workerScript: string,
  workers: number,
  onAnswer: (done: number, treatment: string) => void = () => undefined,
): Promise<CausalAnalysis[]> | null {
  if (workers < 2 || names.length === 0 || !existsSync(workerScript)) return null;
  const workerData = packTable(table, settings);
  return new Promise((resolve, reject) => {
    const results = new Array<CausalAnalysis>(names.length);
    const pool = Array.from(
      { length: Math.min(workers, names.length) },
      () =>
        new Worker(workerScript, {
          workerData,
          resourceLimits: { maxYoungGenerationSizeMb: settings.worker_young_generation_mb },
        }),
    );
    let next = 0;
    let done = 0;
    let failed = false;
    const stop = () => Promise.all(pool.map((w) => w.terminate()));
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      void stop().then(() => reject(error));
    };
    const give = (w: Worker) => {
      if (next < names.length) {
        const job: PoolJob = { index: next, name: names[next] };
        next++;
        w.postMessage(job);
      }
    };
    for (const w of pool) {
      w.on('message', (answer: PoolAnswer) => {
        if (answer.analysis === undefined) {
          fail(new Error(`attribution worker: ${names[answer.index]}: ${answer.error}`));
          return;
        }
        results[answer.index] = answer.analysis;
        done++;
        onAnswer(done, names[answer.index]);
        if (done === names.length) void stop().then(() => resolve(results));
        else give(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (done < names.length)
          fail(new Error(`attribution worker exited (code ${code}) before answering`));
      });
      give(w);
    }
  });
}
