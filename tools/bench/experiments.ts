/**
 * Experiments bench: assignments per second through the GrowthBook SDK over a million user
 * ids, the same through the learning engine's gRPC Assign on loopback (batches of 10,000
 * ids), and the analysis (the one sufficient-statistics query plus the statistics, a ratio
 * metric included) on N exposure rows, next to a plain scan of the same rows in the same run.
 *
 *   HIRELEARN_DUCKDB_MEMORY=4GB npx tsx tools/bench/experiments.ts [ids=1000000] [exposures=10000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { credentials } from '@grpc/grpc-js';
import {
  analyzeFromStore,
  Assigner,
  Experiment,
  ExperimentCatalog,
  serveLearningEngine,
} from '@hirelearn/experiments';
import { duckdbMemory } from '@hirelearn/env';
import * as pb from '@hirelearn/proto';
import { serverSecuritySettings } from '@hirelearn/rpc';
import { definition, runningExperiment } from '../../libs/experiments/src/testing/fixtures';
import { EventStore, openDocumentStore } from '@hirelearn/store';

const ids = Number(process.argv[2] ?? 1_000_000);
const exposures = Number(process.argv[3] ?? 10_000_000);
const users = Math.max(1, Math.floor(exposures / 10));

const experiment: Experiment = runningExperiment({
  experiment_id: 'exp-bench',
  seed: 'exp-bench',
  coverage: 1,
  guardrail_metrics: ['ghosted_rate', 'applications', 'interviews_per_application'],
});

const BATCH = 10_000;

/**
 * Assignments per second through the learning engine over gRPC: the same experiment (same
 * seed, coverage 1) registered in a fresh document store, `ids` ids asked in batches.
 */
async function assignOverGrpc(dir: string): Promise<{ seconds: number; enrolled: number }> {
  const documentsUrl = `sqlite://${path.join(dir, 'documents.sqlite')}`;
  const docs = await openDocumentStore(documentsUrl);
  const catalog = new ExperimentCatalog(docs);
  const actor = { who: 'bench', why: 'bench' };
  await catalog.create(definition({ experiment_id: 'exp-bench', seed: 'exp-bench' }), actor);
  await catalog.start('exp-bench', actor);
  await catalog.setCoverage('exp-bench', 1, actor);
  await docs.close();
  const service = await serveLearningEngine({
    documentsUrl,
    dbUrl: `duckdb://${path.join(dir, 'engine.duckdb')}`,
    host: '127.0.0.1',
    port: 0,
    // Assign is a read, open on loopback; the local token stays in the bench's folder.
    security: serverSecuritySettings({}, { tokenFile: path.join(dir, 'token') }),
  });
  const client = new pb.ExperimentsClient(service.address, credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 << 20,
  });
  const assign = promisify(client.assign.bind(client)) as (
    r: pb.AssignRequest,
  ) => Promise<pb.AssignResponse>;
  try {
    const [enrolled, seconds] = await timed(async () => {
      let n = 0;
      for (let start = 0; start < ids; start += BATCH) {
        const user_ids = Array.from(
          { length: Math.min(BATCH, ids - start) },
          (_, i) => `user-${start + i}`,
        );
        const r = await assign({ experiment_id: 'exp-bench', user_ids });
        for (const a of r.assignments) if (a.variant_id) n++;
      }
      return n;
    });
    return { seconds, enrolled };
  } finally {
    client.close();
    await service.shutdown();
  }
}

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
  const grpc = await assignOverGrpc(dir);
  console.log(
    `assign over gRPC (loopback, batches of ${BATCH.toLocaleString()}): ${ids.toLocaleString()} ids in ` +
      `${grpc.seconds.toFixed(2)} s = ${Math.round(ids / grpc.seconds).toLocaleString()} assignments/s ` +
      `(${grpc.enrolled} enrolled, the same as in-process: ${grpc.enrolled === enrolled}); ` +
      `${(assignSeconds / grpc.seconds).toFixed(2)}x the in-process rate`,
  );
  const store = await EventStore.open(`duckdb://${path.join(dir, 'bench.duckdb')}`, {
    memoryLimit: duckdbMemory(process.env),
  });
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
