/**
 * A simulated world's event store for the benches that need a whole world (the nightly, the
 * weekly insights): simulated and ingested once into a file-backed DuckDB under
 * $TMPDIR/hirelearn-bench-nightly/u<users>-m<months>-s<seed>, then reused by every bench and
 * run (a 3,000-user year takes minutes to ingest).
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, writeWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';

export const BENCH_WORLDS = path.join(tmpdir(), 'hirelearn-bench-nightly');

/** The store URL of the world, simulated and ingested on first use. */
export async function simulatedStore(users: number, months: number, seed: number): Promise<string> {
  const dir = path.join(BENCH_WORLDS, `u${users}-m${months}-s${seed}`);
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
