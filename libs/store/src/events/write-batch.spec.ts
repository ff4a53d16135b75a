import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { EventStore } from './event-store';
import { EVENT_STORE_MIGRATIONS } from './migrations';
import type { Batch, StagedEvent } from './types';

function job(id: string): StagedEvent {
  const payload = JSON.stringify({ event_id: id, event_type: 'JOB_POSTED' });
  return {
    event_id: id,
    event_type: 'JOB_POSTED',
    user_id: null,
    application_id: null,
    occurredAtMs: Date.UTC(2026, 0, 1),
    payload,
    source: 'test.ndjson',
    line: 1,
  };
}

const batchOf = (...events: StagedEvent[]): Batch => ({ events, quarantine: [], deletions: [] });

async function storedIds(store: EventStore): Promise<string[]> {
  const rows = await store.rows('SELECT event_id FROM raw_events ORDER BY event_id');
  return rows.map((r) => String(r.event_id));
}

describe('writeBatch', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'write-batch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a batch repeating an event_id is refused whole, naming the id', async () => {
    const store = await EventStore.open('duckdb::memory:');
    await expect(store.writeBatch(batchOf(job('a'), job('b'), job('b')))).rejects.toThrow(
      /event_id: 'b' appears more than once in one batch/,
    );
    expect(await storedIds(store)).toEqual([]);
    // The store takes batches again after the rollback.
    await store.writeBatch(batchOf(job('c')));
    expect(await storedIds(store)).toEqual(['c']);
    await store.close();
  });

  it('a batch that fails after staging its events leaves none of them for the next batch', async () => {
    const store = await EventStore.open('duckdb::memory:');
    // A quarantine entry without a reason fails the quarantine insert, after the events
    // were staged and inserted: the rollback must take the staged rows back too.
    const invalid = {
      event_id: null,
      event_type: null,
      user_id: null,
      reason: null as unknown as string,
      field: 'line',
      message: 'not JSON',
      raw: Buffer.from('{'),
      source: 'test.ndjson',
      line: 3,
    };
    await expect(
      store.writeBatch({ events: [job('a'), job('b')], quarantine: [invalid], deletions: [] }),
    ).rejects.toThrow(/reason/);
    expect(await store.writeBatch(batchOf(job('c')))).toMatchObject({ stored: 1, duplicates: 0 });
    expect(await storedIds(store)).toEqual(['c']);
    await store.close();
  });

  it('a STATUS_CHANGED without an application_id lands once, stored or pending, never lost', async () => {
    const store = await EventStore.open('duckdb::memory:');
    const status = (id: string) => ({
      ...job(id),
      event_type: 'STATUS_CHANGED',
      application_id: null,
    });
    const created = { ...job('c'), event_type: 'APPLICATION_CREATED', application_id: 'app-1' };
    // Before any application is known, then after one is.
    await store.writeBatch(batchOf(status('s1')));
    await store.writeBatch(batchOf(created, status('s2')));
    const landed = await store.rows(`SELECT event_id, count(*)::INTEGER AS n FROM (
        SELECT event_id FROM raw_events UNION ALL SELECT event_id FROM pending_events)
      GROUP BY 1 ORDER BY 1`);
    expect(landed).toEqual([
      { event_id: 'c', n: 1 },
      { event_id: 's1', n: 1 },
      { event_id: 's2', n: 1 },
    ]);
    await store.close();
  });

  it('erases every user a batch asks for, and their quarantined lines, with one tombstone each', async () => {
    const store = await EventStore.open('duckdb::memory:');
    const of = (id: string, user: string) => ({ ...job(id), user_id: user });
    const unparsed = (line: number, raw: string) => ({
      event_id: null,
      event_type: null,
      user_id: null,
      reason: 'invalid_json',
      field: 'line',
      message: 'not JSON',
      raw: Buffer.from(raw),
      source: 'test.ndjson',
      line,
    });
    await store.writeBatch({
      events: [of('e1', 'u1'), of('e2', 'u2'), of('e3', 'u3')],
      // The second names its user in an unterminated quoted string.
      quarantine: [
        unparsed(4, '{"user_id": "u1", '),
        unparsed(5, '{"user_id": "u2'),
        unparsed(6, '"u3"'),
      ],
      deletions: [],
    });
    const at = (day: number) => Date.UTC(2026, 1, day);
    const outcome = await store.writeBatch({
      events: [],
      quarantine: [],
      deletions: [
        { userId: 'u1', atMs: at(1) },
        { userId: 'u2', atMs: at(2) },
        { userId: 'u1', atMs: at(3) },
      ],
    });
    expect(outcome.erasedUsers).toBe(3);
    expect(await storedIds(store)).toEqual(['e3']);
    expect(await store.rows('SELECT line::INTEGER AS line FROM quarantine')).toEqual([{ line: 6 }]);
    expect(
      await store.rows(
        'SELECT user_hash, erased_at::VARCHAR AS erased_at FROM tombstones ORDER BY 2',
      ),
    ).toEqual([
      { user_hash: store.userHash('u1'), erased_at: '2026-02-01 00:00:00' },
      { user_hash: store.userHash('u2'), erased_at: '2026-02-02 00:00:00' },
    ]);
    await store.close();
  });

  it('an event_id already stored is a duplicate, never a second row', async () => {
    const store = await EventStore.open('duckdb::memory:');
    await store.writeBatch(batchOf(job('a')));
    const again = await store.writeBatch(batchOf(job('a'), job('b')));
    expect(again).toMatchObject({ stored: 1, duplicates: 1, conflicts: 0 });
    expect(await storedIds(store)).toEqual(['a', 'b']);
    await store.close();
  });

  it('migration 2 keeps the events of a store written with the event_id index', async () => {
    const file = path.join(dir, 'v1.duckdb');
    const instance = await DuckDBInstance.create(file);
    const c = await instance.connect();
    await c.run(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
    );
    await c.run(EVENT_STORE_MIGRATIONS[0].sql());
    await c.run(`INSERT INTO schema_migrations VALUES (1, 'v1', now()::TIMESTAMP)`);
    await c.run(`INSERT INTO raw_events VALUES ('old', 'JOB_POSTED', NULL, NULL,
      TIMESTAMP '2026-01-01 00:00:00', '{}', md5('{}'), 'old.ndjson', 7)`);
    c.closeSync();
    instance.closeSync();

    const store = await EventStore.open(`duckdb://${file}`);
    expect(await store.rows('SELECT event_id, line::INTEGER AS line FROM raw_events')).toEqual([
      { event_id: 'old', line: 7 },
    ]);
    const indexes = await store.rows(
      `SELECT count(*)::INTEGER AS n FROM duckdb_constraints()
       WHERE table_name = 'raw_events' AND constraint_type = 'PRIMARY KEY'`,
    );
    expect(indexes).toEqual([{ n: 0 }]);
    await store.writeBatch(batchOf(job('old'), job('new')));
    expect(await storedIds(store)).toEqual(['new', 'old']);
    await store.close();
  });

  it('migration 3 keeps the known applications of a store written with their index, each once', async () => {
    const file = path.join(dir, 'v2.duckdb');
    const instance = await DuckDBInstance.create(file);
    const c = await instance.connect();
    await c.run(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
    );
    for (const m of EVENT_STORE_MIGRATIONS.slice(0, 2)) {
      await c.run(m.sql());
      await c.run(`INSERT INTO schema_migrations VALUES (${m.version}, 'v', now()::TIMESTAMP)`);
    }
    await c.run(`INSERT INTO known_applications VALUES ('app-old', 'u-old')`);
    c.closeSync();
    instance.closeSync();

    const store = await EventStore.open(`duckdb://${file}`);
    const indexes = await store.rows(
      `SELECT count(*)::INTEGER AS n FROM duckdb_constraints()
       WHERE table_name = 'known_applications' AND constraint_type = 'PRIMARY KEY'`,
    );
    expect(indexes).toEqual([{ n: 0 }]);
    const created = (id: string, app: string, user: string) => ({
      ...job(id),
      event_type: 'APPLICATION_CREATED',
      application_id: app,
      user_id: user,
    });
    const status = { ...job('s'), event_type: 'STATUS_CHANGED', application_id: 'app-old' };
    const outcome = await store.writeBatch(
      batchOf(
        created('c1', 'app-old', 'u-other'),
        created('c2', 'app-new', 'u-new'),
        created('c3', 'app-new', 'u-new'),
        status,
      ),
    );
    expect(outcome).toMatchObject({ stored: 4, pendingAdded: 0 });
    await store.writeBatch(batchOf(created('c4', 'app-new', 'u-new')));
    expect(await store.rows('SELECT * FROM known_applications ORDER BY ALL')).toEqual([
      { application_id: 'app-new', user_id: 'u-new' },
      { application_id: 'app-old', user_id: 'u-old' },
    ]);
    await store.close();
  });
});
