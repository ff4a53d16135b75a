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
import { existsSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { runAttribution } from '@hirelearn/attribution';
import { registryTarget, runMonitor } from '@hirelearn/monitoring';
import { runNightly } from '@hirelearn/nightly';
import { Registry } from '@hirelearn/registry';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { BENCH_WORLDS, simulatedStore } from './simulated-store';
import { loadAverage } from './load-average';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const WORKER = path.resolve(__dirname, '../../dist/apps/cli/attribution-worker.js');

async function main(): Promise<void> {
  const users = Number(arg('users', '3000'));
  const months = Number(arg('months', '12'));
  const seed = Number(arg('seed', '1'));
  const baseline = arg('baseline', '1') !== '0';
  const db = await simulatedStore(users, months, seed);
  const worker = existsSync(WORKER) ? WORKER : undefined;
  if (worker === undefined) console.log(`(no ${WORKER}: attribution on this thread; build first)`);
  const docsFile = path.join(BENCH_WORLDS, `documents-${process.pid}.sqlite`);
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
      `nightly on ${users} users, ${months} months (seed ${seed}); ${cpus().length} cores, load ${loadAverage()}`,
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
