import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import type { SimWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';

/**
 * Ingests a simulated world's lines into an in-memory event store, hands the store to `read`
 * and closes it: the specs' way from a world to the facts they study.
 */
export async function readIngested<T>(
  world: SimWorld,
  read: (store: EventStore) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'attribution-world-'));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, world.lines.join('\n'));
  const store = await EventStore.open('duckdb::memory:');
  try {
    await ingest(store, [file]);
    return await read(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
