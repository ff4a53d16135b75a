import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exampleEvents, type EventType } from '@hirelearn/contract';
import { ingest } from '@hirelearn/ingest';
import { DELIVERIES_COLLECTION, DeliveryLog } from '@hirelearn/insight-quality';
import {
  PERSONALIZED_CONFIGS_COLLECTION,
  publishPersonalizedConfigs,
  type PersonalizedConfig,
} from '@hirelearn/personalize';
import { PREDICTIONS_COLLECTION, PredictionLog, storeSink } from '@hirelearn/services';
import { EventStore, openDocumentStore, type DocumentStore } from '@hirelearn/store';

/**
 * Erasure (EVENTS.md, USER_DELETION_REQUESTED): every stored record of the user, raw and
 * derived, quarantined ones included, is gone from every table; only a salted-hash tombstone
 * remains, and a replay of the user's old events stores nothing.
 */

const NOW = new Date('2026-03-01T00:00:00Z');
const ERASED = 'user-erase-me-4711';
const KEPT = 'user-keep-me-0815';

type Line = Record<string, unknown> | string | Buffer;

function ev(type: EventType, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...exampleEvents()[type], ...fields };
}

/** Every kind of record a user leaves: raw, pending, quarantined, known application, facts. */
function userEvents(user: string, tag: string): Line[] {
  const app = `app-${tag}`;
  const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T09:00:00Z`;
  const created = ev('APPLICATION_CREATED', {
    event_id: `c-${tag}`,
    user_id: user,
    application_id: app,
    timestamp: at(2),
  });
  return [
    ev('USER_PROFILE_UPDATED', { event_id: `p-${tag}`, user_id: user, timestamp: at(1) }),
    created,
    ev('APPLICATION_SUBMITTED', {
      event_id: `s-${tag}`,
      user_id: user,
      application_id: app,
      timestamp: at(3),
    }),
    ev('STATUS_CHANGED', {
      event_id: `st-${tag}`,
      user_id: user,
      application_id: app,
      timestamp: at(6),
    }),
    // Waits for an application that never comes: a pending event.
    ev('STATUS_CHANGED', {
      event_id: `orphan-${tag}`,
      user_id: user,
      application_id: `never-${tag}`,
      timestamp: at(7),
    }),
    ev('RESUME_REWRITTEN', { event_id: `rw-${tag}`, user_id: user, timestamp: at(4) }),
    ev('RESUME_SNAPSHOT', { event_id: `snap-${tag}`, user_id: user, timestamp: at(4) }),
    ev('EXPERIMENT_EXPOSURE', { event_id: `x-${tag}`, user_id: user, timestamp: at(5) }),
    ev('USER_OPTED_OUT', { event_id: `o-${tag}`, user_id: user, timestamp: at(8) }),
    // Quarantined: out of range, naive time, and a conflicting duplicate.
    ev('MODE_CHANGED', {
      event_id: `m-${tag}`,
      user_id: user,
      metrics: { ...(exampleEvents().MODE_CHANGED.metrics as object), interview_rate: 7 },
    }),
    ev('MODE_CHANGED', { event_id: `m2-${tag}`, user_id: user, timestamp: '2026-01-05T09:00:00' }),
    { ...created, job_id: 'another-job' },
  ];
}

/** Lines that name the user but cannot be parsed: no user_id field can be read from them. */
function unparseable(user: string): Line[] {
  return [
    `{"event_id":"cut","event_type":"MODE_CHANGED","user_id":"${user}","timest`,
    Buffer.concat([
      Buffer.from(`{"user_id":"${user}","x":"`),
      Buffer.from([0xff]),
      Buffer.from('"}'),
    ]),
  ];
}

function writeLines(file: string, lines: readonly Line[]): string {
  const parts = lines.map((l) =>
    Buffer.isBuffer(l) ? l : Buffer.from(typeof l === 'string' ? l : JSON.stringify(l)),
  );
  writeFileSync(file, Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')])));
  return file;
}

/** Every table (temporary ones included) and column holding `needle`, cast to text. */
async function whereFound(store: EventStore, needle: string): Promise<string[]> {
  const columns = await store.rows(
    `SELECT t.database_name, t.schema_name, t.table_name, c.column_name
     FROM duckdb_tables() t JOIN duckdb_columns() c
       ON c.database_name = t.database_name AND c.schema_name = t.schema_name
      AND c.table_name = t.table_name
     ORDER BY ALL`,
  );
  expect(columns.map((c) => c.table_name)).toEqual(
    expect.arrayContaining(['raw_events', 'quarantine', 'applications', 'users']),
  );
  const found: string[] = [];
  for (const c of columns) {
    const table = `"${c.database_name}"."${c.schema_name}"."${c.table_name}"`;
    const column = `"${c.column_name}"`;
    const [hit] = await store.rows(
      `SELECT count(*)::INT AS n FROM ${table} WHERE contains(${column}::VARCHAR, $1)`,
      [needle],
    );
    if (Number(hit.n) > 0) found.push(`${c.table_name}.${c.column_name}: ${hit.n}`);
  }
  return found;
}

describe('erasure', () => {
  let dir: string;
  let url: string;
  let store: EventStore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-erasure-'));
    url = `duckdb://${path.join(dir, 'events.duckdb')}`;
    store = await EventStore.open(url);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const reopen = async () => {
    await store.close();
    store = await EventStore.open(url);
  };

  const ingestAll = async () => {
    const file = writeLines(path.join(dir, 'events.ndjson'), [
      ...userEvents(KEPT, 'kept'),
      ...userEvents(ERASED, 'erased'),
      ...unparseable(ERASED),
    ]);
    const report = await ingest(store, [file], { now: NOW });
    // Before erasure the user is everywhere: raw, pending, quarantine, facts.
    const before = await whereFound(store, ERASED);
    for (const table of [
      'raw_events',
      'pending_events',
      'quarantine',
      'known_applications',
      'applications',
      'users',
      'user_protected_attributes',
      'resume_versions',
    ]) {
      expect(before.join('\n')).toContain(`${table}.`);
    }
    expect(report.quarantined_by_reason).toMatchObject({
      duplicate_conflict: 2,
      invalid_json: 1,
      invalid_encoding: 1,
    });
    return report;
  };

  const expectErased = async (erasedAtMs?: number) => {
    expect(await whereFound(store, ERASED)).toEqual([]);
    await reopen();
    expect(await whereFound(store, ERASED)).toEqual([]);

    const tombstones = await store.rows(
      `SELECT user_hash, epoch_ms(erased_at) AS at FROM tombstones`,
    );
    expect(tombstones).toHaveLength(1);
    const [{ user_hash, at }] = tombstones;
    expect(user_hash).toBe(store.userHash(ERASED));
    expect(user_hash).toMatch(/^[0-9a-f]{64}$/);
    // Salted: not the plain hash of the id (which anyone could recompute from a guess).
    expect(user_hash).not.toBe(createHash('sha256').update(ERASED).digest('hex'));
    if (erasedAtMs !== undefined) expect(Number(at)).toBe(erasedAtMs);

    // The other user is untouched.
    const kept = await store.rows(
      `SELECT (SELECT count(*) FROM raw_events WHERE user_id = $1)::INT AS raw,
              (SELECT count(*) FROM applications WHERE user_id = $1)::INT AS apps,
              (SELECT count(*) FROM pending_events WHERE user_id = $1)::INT AS pending,
              (SELECT count(*) FROM quarantine WHERE user_id = $1)::INT AS quarantined`,
      [KEPT],
    );
    expect(kept).toEqual([{ raw: 8, apps: 1, pending: 1, quarantined: 3 }]);
  };

  const expectReplayRefused = async () => {
    const replay = writeLines(path.join(dir, 'replay.ndjson'), userEvents(ERASED, 'erased'));
    const report = await ingest(store, [replay], { now: NOW });
    expect(report).toMatchObject({
      received: 12,
      stored: 0,
      quarantined: 0,
      duplicates: 0,
      refused_erased_user: 12,
    });
    expect(await whereFound(store, ERASED)).toEqual([]);
  };

  it('eraseUser removes the user from every table and leaves only a salted tombstone', async () => {
    await ingestAll();
    const result = await store.eraseUser(ERASED, Date.parse('2026-02-01T00:00:00Z'));
    // 8 raw, 1 pending, 1 known application, 5 quarantined, facts rows.
    expect(result.rows_erased).toBeGreaterThanOrEqual(15);
    await expectErased(Date.parse('2026-02-01T00:00:00Z'));
    await expectReplayRefused();
  });

  it('a USER_DELETION_REQUESTED in a later ingest erases the same way', async () => {
    await ingestAll();
    const request = ev('USER_DELETION_REQUESTED', {
      event_id: 'delete-1',
      user_id: ERASED,
      timestamp: '2026-02-02T00:00:00Z',
    });
    const report = await ingest(store, [writeLines(path.join(dir, 'delete.ndjson'), [request])], {
      now: NOW,
    });
    expect(report).toMatchObject({ received: 1, stored: 0, erased_users: 1 });
    await expectErased(Date.parse('2026-02-02T00:00:00Z'));
    await expectReplayRefused();
  });

  it('a USER_DELETION_REQUESTED mid-file erases what came before and refuses what follows', async () => {
    const request = ev('USER_DELETION_REQUESTED', {
      event_id: 'delete-1',
      user_id: ERASED,
      timestamp: '2026-02-02T00:00:00Z',
    });
    const after = ev('EXPERIMENT_EXPOSURE', { event_id: 'late', user_id: ERASED });
    const file = writeLines(path.join(dir, 'all.ndjson'), [
      ...userEvents(KEPT, 'kept'),
      ...userEvents(ERASED, 'erased'),
      ...unparseable(ERASED),
      request,
      after,
      { ...after, event_id: 'late-bad', timestamp: 'never' },
    ]);
    // Small batches: the request lands in a later batch than most of the user's events.
    const report = await ingest(store, [file], { now: NOW, batchSize: 4 });
    expect(report).toMatchObject({ erased_users: 1, refused_erased_user: 2 });
    await expectErased(Date.parse('2026-02-02T00:00:00Z'));
  });
});

/** Every file under `dir` (recursively) whose bytes contain `needle`. */
function filesHolding(dir: string, needle: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => readFileSync(file).includes(needle));
}

describe('erasure leaves no byte of the user in any file the engine wrote', () => {
  let dir: string;
  let engine: string;
  let store: EventStore;
  let docs: DocumentStore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-erasure-bytes-'));
    engine = path.join(dir, 'engine');
    mkdirSync(path.join(dir, 'inputs'));
    store = await EventStore.open(`duckdb://${path.join(engine, 'events.duckdb')}`);
    docs = await openDocumentStore(`sqlite://${path.join(engine, 'documents.sqlite')}`);
  });
  afterEach(async () => {
    await store.close();
    await docs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const input = (name: string, lines: readonly Line[]) =>
    writeLines(path.join(dir, 'inputs', name), lines);

  /** Predictions about the user's applications, logged the way the services log them. */
  const logPredictions = async (user: string, tag: string, n: number) => {
    const log = new PredictionLog(storeSink(docs));
    log.log(
      Array.from({ length: n }, (_, i) => ({
        model: 'ensemble',
        version: 1,
        user_id: user,
        application_id: `app-${tag}-${i}`,
        inputs: { i },
        probability: 0.2,
      })),
    );
    await log.close();
  };

  it('a store erased by a version that only deleted rows is rewritten once when opened', async () => {
    const file = path.join(engine, 'events.duckdb');
    await ingest(
      store,
      [input('world.ndjson', [...userEvents(ERASED, 'erased'), ...unparseable(ERASED)])],
      { now: NOW },
    );
    // What erasure did before: rows deleted, a tombstone, the file left as it was.
    const tables = await store.rows(
      `SELECT DISTINCT table_name FROM duckdb_columns()
       WHERE column_name = 'user_id' AND NOT internal AND database_name = current_database()`,
    );
    for (const { table_name } of tables)
      await store.rows(`DELETE FROM ${String(table_name)} WHERE user_id = $1`, [ERASED]);
    await store.rows(`DELETE FROM quarantine WHERE contains(raw::VARCHAR, $1)`, [ERASED]);
    await store.rows(`INSERT INTO tombstones VALUES ($1, now()::TIMESTAMP)`, [
      store.userHash(ERASED),
    ]);
    await store.rows('CHECKPOINT');
    await store.close();
    expect(filesHolding(engine, ERASED)).toEqual([file]);

    store = await EventStore.open(`duckdb://${file}`);
    expect(filesHolding(engine, ERASED)).toEqual([]);
    const rewritten = statSync(file).ino;
    await store.close();
    store = await EventStore.open(`duckdb://${file}`);
    // Once: the next open leaves the file alone.
    expect(statSync(file).ino).toBe(rewritten);
  });

  /** What the nightly and the weekly insights keep per user: a personalized config, a delivery. */
  const personalizeAndDeliver = async (user: string) => {
    const config: PersonalizedConfig = {
      user_id: user,
      basis: 'personal',
      basis_reason: `${user}'s own applications`,
      opt_out: null,
      segment: { by: 'seniority', value: 'mid', users: 10 },
      overrides: { '5': [{ parameter: 'applications_per_week', value: 9 }], '6': [] },
      planner: { tailor_share: 1, target_mix: { reach: 0.2, target: 0.5, safety: 0.3 } },
      parameters: [],
      attribution_run_id: null,
      computed_at: NOW.toISOString(),
    };
    await publishPersonalizedConfigs(docs, [config], {
      by: 'nightly',
      reason: 'test',
      run_id: 'run-1',
      at: NOW,
    });
    await new DeliveryLog(docs).record([
      {
        user_id: user,
        delivered_at: NOW.toISOString(),
        kind: 'weekly_insight',
        source_id: 'weekly/2026-W05',
        action: { type: 'tailoring', description: `tailor, ${user}` },
        predicted_effect: null,
        confidence: 'HIGH',
        evidence: [{ kind: 'weekly_insight', id: `w-${user}`, summary: `for ${user}` }],
      },
    ]);
  };

  it.each([
    ['hirelearn erase', 'erase'],
    ['a USER_DELETION_REQUESTED', 'request'],
  ])('after %s, and a later malformed line naming the user', async (_name, how) => {
    await ingest(
      store,
      [input('world.ndjson', [...userEvents(KEPT, 'kept'), ...userEvents(ERASED, 'erased')])],
      { now: NOW },
    );
    // A malformed line of the user, quarantined with its bytes.
    await ingest(store, [input('cut.ndjson', unparseable(ERASED))], { now: NOW });
    await logPredictions(ERASED, 'erased', 12);
    await logPredictions(KEPT, 'kept', 3);
    await personalizeAndDeliver(ERASED);
    await personalizeAndDeliver(KEPT);
    // The search finds what is there: the user's quarantined bytes and logged predictions.
    expect(filesHolding(engine, ERASED).map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['events.duckdb', 'documents.sqlite-wal']),
    );

    if (how === 'erase') {
      // What `hirelearn erase` does.
      // 12 predictions, the personalized config and the delivery.
      expect(await docs.eraseUser(ERASED)).toBe(14);
      await store.eraseUser(ERASED);
    } else {
      const request = ev('USER_DELETION_REQUESTED', {
        event_id: 'delete-1',
        user_id: ERASED,
        timestamp: '2026-02-02T00:00:00Z',
      });
      const erasedElsewhere: string[] = [];
      const report = await ingest(store, [input('delete.ndjson', [request])], {
        now: NOW,
        eraseElsewhere: async (user) => {
          erasedElsewhere.push(user);
          await docs.eraseUser(user);
        },
      });
      expect(report).toMatchObject({ erased_users: 1 });
      expect(erasedElsewhere).toEqual([ERASED]);
    }
    // Lines that arrive later and cannot be parsed are refused, not quarantined, when a
    // quoted string in them is the erased id: cut after the id, or inside another field.
    const late = await ingest(
      store,
      [
        input('late.ndjson', [
          `{"event_id":"late-cut","user_id":"${ERASED}","timest`,
          `{"event_id":"late-cut-2","user_id":"${ERASED}`,
          `not json, "${ERASED}" in quotes`,
        ]),
      ],
      { now: NOW },
    );
    expect(late).toMatchObject({ received: 3, quarantined: 0, refused_erased_user: 3 });

    const predictions = docs.collection(PREDICTIONS_COLLECTION);
    expect(await predictions.count({ user_id: ERASED })).toBe(0);
    expect(await predictions.count({ user_id: KEPT })).toBe(3);
    for (const name of [PERSONALIZED_CONFIGS_COLLECTION, DELIVERIES_COLLECTION]) {
      expect(await docs.collection(name).count({ user_id: ERASED })).toBe(0);
      expect(await docs.collection(name).count({ user_id: KEPT })).toBe(1);
    }
    // Open (the DuckDB WAL and the SQLite WAL and shared memory as they are), then closed.
    expect(filesHolding(engine, ERASED)).toEqual([]);
    expect(filesHolding(engine, 'app-erased')).toEqual([]);
    await store.close();
    await docs.close();
    expect(filesHolding(engine, ERASED)).toEqual([]);
    expect(filesHolding(engine, 'app-erased')).toEqual([]);
    // The other user's data is still there, bytes and all.
    expect(filesHolding(engine, 'app-kept-0')).not.toEqual([]);
    store = await EventStore.open(`duckdb://${path.join(engine, 'events.duckdb')}`);
    docs = await openDocumentStore(`sqlite://${path.join(engine, 'documents.sqlite')}`);
    const [kept] = await store.rows(
      `SELECT (SELECT count(*) FROM raw_events WHERE user_id = $1)::INT AS raw,
              (SELECT count(*) FROM tombstones)::INT AS tombstones`,
      [KEPT],
    );
    expect(kept).toEqual({ raw: 8, tombstones: 1 });
  });
});
