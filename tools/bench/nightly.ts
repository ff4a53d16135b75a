/**
 * The nightly run (libs/nightly) on a simulated 3,000-user, 12-month world: each step's time
 * and the total, beside the baseline of the same process running the attribution alone (the
 * step that dominates), so the ratio says what the rest of the loop costs. Goal: the whole run
 * under 3 minutes on 2 cores.
 *
 *   npm run -s build   # the attribution's worker threads run dist/apps/cli/attribution-worker.js
 *   npx tsx tools/bench/nightly.ts [--users 3000] [--months 12] [--seed 1] [--baseline 0]
 *
 * The world is simulated and ingested once into a file-backed DuckDB under
 * $TMPDIR/hirelearn-bench-nightly and reused; each run writes a fresh document store there.
 * The load average is printed: on a shared machine the times are upper bounds.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { runAttribution } from '@hirelearn/attribution';
import { ingest } from '@hirelearn/ingest';
import { registryTarget, runMonitor } from '@hirelearn/monitoring';
import { runNightly } from '@hirelearn/nightly';
import { Registry } from '@hirelearn/registry';
import { defaultSimSettings, writeWorld } from '@hirelearn/sim';
import { EventStore, openDocumentStore } from '@hirelearn/store';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const CACHE = path.join(tmpdir(), 'hirelearn-bench-nightly');
const WORKER = path.resolve(__dirname, '../../dist/apps/cli/attribution-worker.js');

/** The world's event store, simulated and ingested on first use. */
async function world(users: number, months: number, seed: number): Promise<string> {
  const dir = path.join(CACHE, `u${users}-m${months}-s${seed}`);
  const db = `duckdb://${path.join(dir, 'world.duckdb')}`;
  if (!existsSync(path.join(dir, 'ingested'))) {
    rmSync(dir, { recursive: true, force: true });
    const t0 = performance.now();
    const written = await writeWorld(defaultSimSettings({ users, months, seed }), dir);
    const store = await EventStore.open(db);
    try {
      await ingest(store, [written.path]);
    } finally {
      await store.close();
    }
    rmSync(written.path);
    writeFileSync(path.join(dir, 'ingested'), '');
    console.log(
      `world simulated and ingested in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
  return db;
}

async function main(): Promise<void> {
  const users = Number(arg('users', '3000'));
  const months = Number(arg('months', '12'));
  const seed = Number(arg('seed', '1'));
  const baseline = arg('baseline', '1') !== '0';
  const db = await world(users, months, seed);
  const worker = existsSync(WORKER) ? WORKER : undefined;
  if (worker === undefined) console.log(`(no ${WORKER}: attribution on this thread; build first)`);
  const docsFile = path.join(CACHE, `documents-${process.pid}.sqlite`);
  const events = await EventStore.open(db, { readOnly: true });
  const documents = await openDocumentStore(`sqlite://${docsFile}`);
  try {
    const t0 = performance.now();
    const run = await runNightly({
      events,
      documents,
      attribution_worker_script: worker,
      monitor: async () =>
        runMonitor({
          events,
          documents,
          registry: registryTarget(await Registry.open({ documents })),
        }),
    });
    const total = (performance.now() - t0) / 1000;
    console.log(
      `nightly on ${users} users, ${months} months (seed ${seed}); ${cpus().length} cores, load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    for (const s of run.steps) {
      console.log(
        `  ${s.name.padEnd(16)} ${s.status.padEnd(8)} ${((s.duration_ms ?? 0) / 1000).toFixed(1).padStart(7)} s${s.error ? `  ${s.error}` : ''}`,
      );
    }
    console.log(
      `  ${'total'.padEnd(16)} ${run.status.padEnd(8)} ${total.toFixed(1).padStart(7)} s`,
    );
    if (baseline) {
      const b0 = performance.now();
      await runAttribution(events, { worker_script: worker });
      const alone = (performance.now() - b0) / 1000;
      console.log(
        `baseline: attribution alone ${alone.toFixed(1)} s; nightly / attribution alone = ${(total / alone).toFixed(2)}`,
      );
    }
  } finally {
    await documents.close();
    await events.close();
    rmSync(docsFile, { force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
