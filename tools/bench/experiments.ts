/**
 * Experiments bench: assignments per second through the GrowthBook SDK over a million user
 * ids, and the analysis (the one sufficient-statistics query plus the statistics) on N
 * exposure rows, next to a plain scan of the same exposure rows in the same run.
 *
 *   HIRELEARN_DUCKDB_MEMORY=4GB npx tsx tools/bench/experiments.ts [ids=1000000] [exposures=10000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFromStore, Assigner, Experiment } from '@hirelearn/experiments';
import { runningExperiment } from '../../libs/experiments/src/testing/fixtures';
import { EventStore } from '@hirelearn/store';

const ids = Number(process.argv[2] ?? 1_000_000);
const exposures = Number(process.argv[3] ?? 10_000_000);
const users = Math.max(1, Math.floor(exposures / 10));

const experiment: Experiment = runningExperiment({
  experiment_id: 'exp-bench',
  seed: 'exp-bench',
  coverage: 1,
});

async function timed<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const out = await work();
  return [out, Number(process.hrtime.bigint() - t0) / 1e9];
}

async function main(): Promise<void> {
  const assigner = new Assigner([experiment]);
  const [enrolled, assignSeconds] = await timed(() => {
    let n = 0;
    for (let i = 0; i < ids; i++) if (assigner.assign('exp-bench', `user-${i}`).variant_id) n++;
    return n;
  });
  assigner.destroy();
  console.log(
    `assign: ${ids.toLocaleString()} ids in ${assignSeconds.toFixed(2)} s = ` +
      `${Math.round(ids / assignSeconds).toLocaleString()} assignments/s (${enrolled} enrolled)`,
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-exp-bench-'));
  const store = await EventStore.open(`duckdb://${path.join(dir, 'bench.duckdb')}`);
  try {
    const [, loadSeconds] = await timed(async () => {
      // Exposures: `users` users, 10 rows each, variant by the user's parity.
      await store.rows(`INSERT INTO raw_events
        SELECT 'e' || i, 'EXPERIMENT_EXPOSURE', 'u' || (i % ${users}), NULL,
          TIMESTAMP '2026-01-01' + to_seconds(i % 86400),
          '{"experiment_id":"exp-bench","variant_id":"' ||
            CASE WHEN (i % ${users}) % 2 = 0 THEN 'control' ELSE 'lower' END || '"}',
          '', 'bench', i
        FROM range(${exposures}) t(i)`);
      // Applications facts: three per user after the exposures.
      await store.rows(`CREATE OR REPLACE TABLE applications AS
        SELECT 'a' || i AS application_id, 'u' || (i % ${users}) AS user_id,
          TIMESTAMP '2026-01-03' AS created_at, TIMESTAMP '2026-01-03' AS submitted_at,
          hash(i) % 5 = 0 AS reached_interview, hash(i) % 50 = 0 AS reached_offer,
          hash(i) % 3 = 0 AS ghosted
        FROM range(${users * 3}) t(i)`);
    });
    console.log(
      `load: ${exposures.toLocaleString()} exposure rows, ${users.toLocaleString()} users in ${loadSeconds.toFixed(1)} s`,
    );
    const [scan, scanSeconds] = await timed(() =>
      store.rows(`SELECT count(*) AS n, sum(length(payload)) AS bytes FROM raw_events
                  WHERE event_type = 'EXPERIMENT_EXPOSURE'`),
    );
    const [, parseSeconds] = await timed(() =>
      store.rows(`SELECT variant_id, count(*) AS n FROM (
                    SELECT json_extract_string(payload, '$.experiment_id') AS experiment_id,
                      json_extract_string(payload, '$.variant_id') AS variant_id
                    FROM raw_events WHERE event_type = 'EXPERIMENT_EXPOSURE')
                  WHERE experiment_id = 'exp-bench' GROUP BY 1`),
    );
    const [results, analyzeSeconds] = await timed(() => analyzeFromStore(store, experiment));
    console.log(
      `plain scan of the exposure rows: ${scanSeconds.toFixed(2)} s (${String(scan[0].n)} rows)`,
    );
    console.log(
      `scan reading experiment and variant from each payload: ${parseSeconds.toFixed(2)} s`,
    );
    console.log(
      `analysis (one query + statistics): ${analyzeSeconds.toFixed(2)} s, ` +
        `${results.sample_size.toLocaleString()} users, status ${results.status}, ` +
        `${(analyzeSeconds / parseSeconds).toFixed(1)}x the payload-reading scan`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
