import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { exampleEvents, HOSTILE_STRINGS } from '@hirelearn/contract';
import { EventStore } from '@hirelearn/store';
import { ingest } from './ingest';

/** Parquet files are read through DuckDB: their names must never be spelled into its SQL. */
describe('Parquet files with hostile names', () => {
  let dir: string;
  let store: EventStore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-parquet-names-'));
    const folder = path.join(dir, 'in');
    const duck = await DuckDBInstance.create(':memory:');
    const c = await duck.connect();
    mkdirSync(folder);
    for (const [i, h] of HOSTILE_STRINGS.entries()) {
      const ndjson = path.join(dir, `${i}.ndjson`);
      writeFileSync(ndjson, JSON.stringify({ ...exampleEvents().JOB_POSTED, event_id: h }));
      // Timestamps stay text (an impossible format stops DuckDB from parsing them).
      await c.run(
        `COPY (SELECT * FROM read_json($1, timestampformat='%d##%m')) TO $2 (FORMAT parquet)`,
        [ndjson, path.join(folder, `${h.replaceAll('/', '_')}.parquet`)],
      );
    }
    c.closeSync();
    duck.closeSync();
    store = await EventStore.open('duckdb::memory:');
    await ingest(store, [folder], { now: new Date('2026-03-01T00:00:00Z') });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the event of every file, and runs no SQL of a name', async () => {
    const ids = await store.rows('SELECT event_id FROM raw_events');
    expect(ids.map((r) => String(r.event_id)).sort()).toEqual([...HOSTILE_STRINGS].sort());
    const tables = await store.rows('SELECT table_name FROM duckdb_tables()');
    expect(tables.map((t) => t.table_name)).not.toContain('pwned');
  });
});
