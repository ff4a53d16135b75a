import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { exampleEvents, type EventType } from '@hirelearn/contract';
import { EventStore } from '@hirelearn/store';
import { ingest, type IngestOptions } from './ingest';

/** Validation reference time: every event of these tests lies before it. */
const NOW = new Date('2026-03-01T00:00:00Z');

type Json = Record<string, unknown>;
type Line = Json | string | Buffer;

let dir: string;
const stores: EventStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-ingest-'));
});
afterEach(async () => {
  while (stores.length > 0) await stores.pop()?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openStore(): Promise<EventStore> {
  const store = await EventStore.open('duckdb::memory:');
  stores.push(store);
  return store;
}

function run(store: EventStore, inputs: string[], options: IngestOptions = {}) {
  return ingest(store, inputs, { now: NOW, ...options });
}

/** The example event of `type` with fields replaced (nested objects merged one level). */
function ev(type: EventType, fields: Json): Json {
  const base = exampleEvents()[type] as Json;
  for (const [k, v] of Object.entries(fields)) {
    const old = base[k];
    base[k] =
      v && typeof v === 'object' && !Array.isArray(v) && old && typeof old === 'object'
        ? { ...(old as Json), ...(v as Json) }
        : v;
  }
  return base;
}

const created = (id: string, app: string, user: string, timestamp: string) =>
  ev('APPLICATION_CREATED', { event_id: id, application_id: app, user_id: user, timestamp });
const submitted = (id: string, app: string, user: string, timestamp: string) =>
  ev('APPLICATION_SUBMITTED', { event_id: id, application_id: app, user_id: user, timestamp });
const status = (
  id: string,
  app: string,
  user: string,
  timestamp: string,
  outcome: string,
  days = 3,
) =>
  ev('STATUS_CHANGED', {
    event_id: id,
    application_id: app,
    user_id: user,
    timestamp,
    outcome: { status: outcome, days_to_response: days },
  });

/** Writes NDJSON lines (objects, raw text or raw bytes) and returns the file's path. */
function writeLines(name: string, lines: readonly Line[]): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  const parts = lines.map((l) =>
    Buffer.isBuffer(l) ? l : Buffer.from(typeof l === 'string' ? l : JSON.stringify(l)),
  );
  const body = Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')]));
  writeFileSync(file, name.endsWith('.gz') ? gzipSync(body) : body);
  return file;
}

/** Converts an NDJSON file to the Parquet file `name` in the test's folder, through DuckDB; returns its path. */
async function toParquet(ndjson: string, name: string): Promise<string> {
  const parquet = path.join(dir, name);
  const duck = await DuckDBInstance.create(':memory:');
  const c = await duck.connect();
  // Timestamps stay text (an impossible format stops DuckDB from parsing them).
  await c.run(
    `COPY (SELECT * FROM read_json($1, timestampformat='%d##%m')) TO $2 (FORMAT parquet)`,
    [ndjson, parquet],
  );
  c.closeSync();
  duck.closeSync();
  return parquet;
}

/**
 * A small world exercising the facts: two users applying, an interview then a rejection,
 * an application left in silence, a submission at a local evening time, profile versions,
 * resume versions with edits, and a market event that moves "now" of the facts forward.
 */
function world(): Json[] {
  return [
    ev('USER_PROFILE_UPDATED', {
      event_id: 'p1',
      user_id: 'u1',
      timestamp: '2026-01-01T08:00:00Z',
      consent: undefined,
      profile: { years_experience: 3 },
    }),
    ev('USER_PROFILE_UPDATED', {
      event_id: 'p2',
      user_id: 'u1',
      timestamp: '2026-01-03T08:00:00Z',
      profile: { years_experience: 4, seniority: 'mid' },
      consent: { market_insights: false, personalization: true },
    }),
    created('c1', 'a1', 'u1', '2026-01-02T09:00:00Z'),
    // Sunday 23:30 in New York is Monday 04:30 UTC.
    submitted('s1', 'a1', 'u1', '2026-01-04T23:30:00-05:00'),
    status('i1', 'a1', 'u1', '2026-01-07T10:00:00Z', 'interview', 2.2),
    status('r1', 'a1', 'u1', '2026-01-10T10:00:00Z', 'rejected', 5.2),
    created('c2', 'a2', 'u2', '2026-01-02T09:00:00Z'),
    submitted('s2', 'a2', 'u2', '2026-01-02T10:00:00Z'),
    created('c3', 'a3', 'u2', '2026-02-01T09:00:00Z'),
    submitted('s3', 'a3', 'u2', '2026-02-01T10:00:00Z'),
    ev('RESUME_REWRITTEN', {
      event_id: 'rw1',
      user_id: 'u3',
      timestamp: '2026-01-05T10:00:00Z',
      resume_version_id: 'v1',
      edit_types: ['added_metrics_to_bullets'],
      suggested_by_system: true,
    }),
    ev('RESUME_REWRITTEN', {
      event_id: 'rw2',
      user_id: 'u3',
      timestamp: '2026-01-06T10:00:00Z',
      resume_version_id: 'v2',
      edit_types: ['strengthened_action_verbs'],
      suggested_by_system: false,
    }),
    ev('RESUME_REWRITTEN', {
      event_id: 'rw3',
      user_id: 'u3',
      timestamp: '2026-01-07T10:00:00Z',
      resume_version_id: 'v3',
      edit_types: ['added_keywords'],
      user_accepted: false,
    }),
    // The newest event: the facts' "now" is 2026-02-15, 44 days after a2, 14 after a3.
    ev('JOB_POSTED', { event_id: 'j1', timestamp: '2026-02-15T00:00:00Z' }),
  ];
}

const FACT_TABLES = ['applications', 'users', 'user_protected_attributes', 'resume_versions'];

/** Everything the event log holds, in a form two stores can be compared by. */
async function dump(store: EventStore, options: { hashes?: boolean } = {}) {
  const hash = options.hashes === false ? '' : ', content_hash';
  const out: Record<string, unknown> = {
    raw_events: await store.rows(
      `SELECT event_id, event_type, user_id, application_id, occurred_at::VARCHAR AS at${hash}
       FROM raw_events ORDER BY event_id`,
    ),
    pending: await store.rows(`SELECT event_id FROM pending_events ORDER BY 1`),
    known_applications: await store.rows(`SELECT * FROM known_applications ORDER BY ALL`),
  };
  for (const t of FACT_TABLES) out[t] = await store.rows(`SELECT * FROM ${t} ORDER BY ALL`);
  return out;
}

const one = async (store: EventStore, sql: string) => (await store.rows(sql))[0];

describe('quarantine', () => {
  it('keeps the original bytes, the source file and the line of every bad event', async () => {
    const invalidUtf8 = Buffer.from([
      ...Buffer.from('{"event_id":"bad-utf8","user_id":"'),
      0xff,
      0xfe,
      ...Buffer.from('"}'),
    ]);
    const missing = JSON.stringify(ev('MODE_CHANGED', { event_id: 'no-mode', to_mode: undefined }));
    const file = writeLines('in.ndjson', [
      created('c1', 'a1', 'u1', '2026-01-02T09:00:00Z'),
      '{"event_id": "cut',
      invalidUtf8,
      '',
      missing,
      '  {"event_type":"NOPE","event_id":"x"}  ',
      submitted('s1', 'a1', 'u1', '2026-01-02T10:00:00Z'),
    ]);
    const store = await openStore();
    const report = await run(store, [file]);

    expect(report).toMatchObject({
      received: 6,
      stored: 2,
      quarantined: 4,
      quarantined_by_reason: {
        invalid_json: 1,
        invalid_encoding: 1,
        missing_field: 1,
        unknown_event_type: 1,
      },
    });
    const rows = await store.quarantineList();
    expect(rows.map((r) => [r.line, r.reason, r.field, r.source])).toEqual([
      [2, 'invalid_json', '', file],
      [3, 'invalid_encoding', '', file],
      [5, 'missing_field', 'to_mode', file],
      [6, 'unknown_event_type', 'event_type', file],
    ]);
    expect(rows[2]).toMatchObject({ event_id: 'no-mode', event_type: 'MODE_CHANGED' });
    expect(rows[2].message).toMatch(/^to_mode: is required/);

    const bytes = async (line: number) =>
      (await store.quarantineShow(rows.find((r) => r.line === line)!.quarantine_id))!.raw;
    expect((await bytes(2)).equals(Buffer.from('{"event_id": "cut'))).toBe(true);
    expect((await bytes(3)).equals(invalidUtf8)).toBe(true);
    expect((await bytes(5)).equals(Buffer.from(missing))).toBe(true);
    // Leading/trailing blanks are part of the original bytes.
    expect((await bytes(6)).toString()).toBe('  {"event_type":"NOPE","event_id":"x"}  ');
  });

  it('one bad event never fails its batch', async () => {
    const lines: Line[] = [];
    for (let i = 0; i < 50; i += 1) {
      lines.push(created(`c${i}`, `a${i}`, 'u1', '2026-01-02T09:00:00Z'));
      if (i % 7 === 0) lines.push(ev('MODE_CHANGED', { event_id: `m${i}`, timestamp: 'soon' }));
      if (i % 11 === 0) lines.push('[1,2,3]');
    }
    const store = await openStore();
    const report = await run(store, [writeLines('mixed.ndjson', lines)], { batchSize: 1000 });
    expect(report).toMatchObject({
      received: lines.length,
      stored: 50,
      quarantined: 8 + 5,
      quarantined_by_reason: { invalid_timestamp: 8, not_an_object: 5 },
    });
    expect(await one(store, 'SELECT count(*)::INT AS n FROM raw_events')).toEqual({ n: 50 });
  });

  it('a lone surrogate escape is quarantined, so later ingests still build the facts', async () => {
    // Stored, it failed every DuckDB read of its payload: the facts rebuild of this ingest
    // and of every later one, clean files included.
    const poison = created('lone-\ud800-x', 'a1', 'u1', '2026-01-02T09:00:00Z');
    const store = await openStore();
    const first = await run(store, [writeLines('poison.ndjson', [poison])]);
    expect(first).toMatchObject({ stored: 0, quarantined_by_reason: { invalid_encoding: 1 } });
    const clean = created('c2', 'a2', 'u1', '2026-01-02T09:00:00Z');
    const second = await run(store, [writeLines('clean.ndjson', [clean])]);
    expect(second).toMatchObject({ status: 'completed', stored: 1, facts: { applications: 1 } });
  });

  it('the status lists quarantine reasons by count, ties by name', async () => {
    // Ties came in any order: two runs of the demo printed the same counts differently.
    const lines = ['[1]', '[2]', 'nope', ev('MODE_CHANGED', { timestamp: 'soon' }), '{}'];
    const store = await openStore();
    await run(store, [writeLines('ties.ndjson', lines)]);
    expect(Object.entries((await store.status()).quarantine_by_reason)).toEqual([
      ['not_an_object', 2],
      ['invalid_json', 1],
      ['invalid_timestamp', 1],
      ['missing_field', 1],
    ]);
  });

  it('re-ingesting the same bad lines adds nothing to the quarantine', async () => {
    const file = writeLines('bad.ndjson', ['nope', '{}']);
    const store = await openStore();
    await run(store, [file]);
    await run(store, [file]);
    expect((await store.status()).quarantined).toBe(2);
  });
});

describe('duplicates', () => {
  const a = created('c1', 'a1', 'u1', '2026-01-02T09:00:00Z');
  const conflicting = { ...a, job_id: 'another-job' };

  it('an identical duplicate is a no-op counted as a duplicate, in one file and across runs', async () => {
    const file = writeLines('dup.ndjson', [
      a,
      a,
      submitted('s1', 'a1', 'u1', '2026-01-02T10:00:00Z'),
    ]);
    const store = await openStore();
    const first = await run(store, [file]);
    expect(first).toMatchObject({ received: 3, stored: 2, duplicates: 1, quarantined: 0 });
    const again = await run(store, [file]);
    expect(again).toMatchObject({ received: 3, stored: 0, duplicates: 3, quarantined: 0 });
    expect(await one(store, 'SELECT count(*)::INT AS n FROM raw_events')).toEqual({ n: 2 });
  });

  it.each([1, 100])(
    'a conflicting duplicate within one file is duplicate_conflict, the first kept (batch size %i)',
    async (batchSize) => {
      const file = writeLines('conflict.ndjson', [a, conflicting]);
      const store = await openStore();
      const report = await run(store, [file], { batchSize });
      expect(report).toMatchObject({
        stored: 1,
        quarantined: 1,
        quarantined_by_reason: { duplicate_conflict: 1 },
      });
      expect(await one(store, `SELECT payload FROM raw_events WHERE event_id = 'c1'`)).toEqual({
        payload: JSON.stringify(a),
      });
      const [q] = await store.quarantineList();
      expect(q).toMatchObject({ reason: 'duplicate_conflict', field: 'event_id', line: 2 });
      expect(q.message).toMatch(/^event_id: 'c1'/);
      expect((await store.quarantineShow(q.quarantine_id))!.raw.toString()).toBe(
        JSON.stringify(conflicting),
      );
    },
  );

  it('a conflicting duplicate in a later ingest is duplicate_conflict', async () => {
    const store = await openStore();
    await run(store, [writeLines('first.ndjson', [a])]);
    const later = writeLines('later.ndjson', [conflicting]);
    const report = await run(store, [later]);
    expect(report).toMatchObject({
      stored: 0,
      duplicates: 0,
      quarantined: 1,
      quarantined_by_reason: { duplicate_conflict: 1 },
    });
    expect(await store.quarantineList()).toMatchObject([
      { reason: 'duplicate_conflict', source: later, line: 1, event_id: 'c1' },
    ]);
    expect(await one(store, `SELECT job_id FROM applications`)).toEqual({ job_id: 'job-0001' });
  });

  it('a conflicting duplicate of a pending event is a conflict too', async () => {
    const early = status('st1', 'a9', 'u1', '2026-01-05T09:00:00Z', 'interview');
    const store = await openStore();
    await run(store, [writeLines('one.ndjson', [early])]);
    const report = await run(store, [
      writeLines('two.ndjson', [{ ...early, outcome: { status: 'offer', days_to_response: 1 } }]),
    ]);
    expect(report.quarantined_by_reason).toEqual({ duplicate_conflict: 1 });
    expect(report.pending).toBe(1);
  });
});

describe('pending STATUS_CHANGED', () => {
  const early = status('st1', 'a1', 'u1', '2026-01-05T09:00:00Z', 'interview');
  const createdA1 = created('c1', 'a1', 'u1', '2026-01-02T09:00:00Z');

  it('waits for its APPLICATION_CREATED later in the same file', async () => {
    const store = await openStore();
    const file = writeLines('same.ndjson', [early, '', createdA1]);
    // Batch size 1: the status change is written (as pending) before the creation is read.
    const report = await run(store, [file], { batchSize: 1 });
    expect(report).toMatchObject({ stored: 2, pending: 0, released: 1, quarantined: 0 });
    expect(await one(store, 'SELECT reached_interview FROM applications')).toEqual({
      reached_interview: true,
    });
  });

  it('waits across ingests and is released by a later one', async () => {
    const store = await openStore();
    const first = await run(store, [writeLines('one.ndjson', [early])]);
    expect(first).toMatchObject({ received: 1, stored: 0, pending: 1, released: 0 });
    expect((await store.status()).pending).toBe(1);
    expect(await store.rows('SELECT event_id FROM raw_events')).toEqual([]);

    const second = await run(store, [writeLines('two.ndjson', [createdA1])]);
    expect(second).toMatchObject({ stored: 2, pending: 0, released: 1 });
    expect(await store.rows('SELECT event_id FROM raw_events ORDER BY 1')).toEqual([
      { event_id: 'c1' },
      { event_id: 'st1' },
    ]);
    expect(await one(store, 'SELECT interview_at::VARCHAR AS t FROM applications')).toEqual({
      t: '2026-01-05 09:00:00',
    });
  });

  it('an identical pending event sent again stays one pending event', async () => {
    const store = await openStore();
    await run(store, [writeLines('one.ndjson', [early])]);
    const again = await run(store, [writeLines('one.ndjson', [early])]);
    expect(again).toMatchObject({ duplicates: 1, pending: 1 });
  });
});

describe('order and formats', () => {
  /** Seeded Fisher-Yates (mulberry32), so a failure reproduces. */
  function shuffled<T>(items: readonly T[], seed: number): T[] {
    let s = seed >>> 0;
    const random = () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  it.each([1, 2, 3])(
    'out-of-order arrival gives the same facts as in-order (seed %i)',
    async (seed) => {
      const inOrder = await openStore();
      await run(inOrder, [writeLines('ordered.ndjson', world())]);
      const mixed = await openStore();
      await run(mixed, [writeLines('mixed.ndjson', shuffled(world(), seed))], { batchSize: 2 });
      expect(await dump(mixed)).toEqual(await dump(inOrder));
    },
  );

  it('out-of-order across ingests gives the same facts', async () => {
    const inOrder = await openStore();
    await run(inOrder, [writeLines('ordered.ndjson', world())]);
    const reversed = await openStore();
    for (const [i, e] of [...world()].reverse().entries()) {
      await run(reversed, [writeLines(`r${i}.ndjson`, [e])]);
    }
    expect(await dump(reversed)).toEqual(await dump(inOrder));
  });

  it('gzip, folder and glob inputs give the same store as plain NDJSON', async () => {
    const events: Line[] = [
      ...world(),
      'not json',
      ev('MODE_CHANGED', { event_id: 'm', reason: 1 }),
    ];
    const plain = await openStore();
    await run(plain, [writeLines('plain.ndjson', events)]);
    const expected = await dump(plain);
    const quarantine = (s: EventStore) =>
      s.rows(`SELECT reason, field, line, raw::VARCHAR AS raw FROM quarantine ORDER BY line`);
    const expectedQuarantine = await quarantine(plain);

    const gz = await openStore();
    await run(gz, [writeLines('gz/events.ndjson.gz', events)]);
    expect(await dump(gz)).toEqual(expected);
    expect(await quarantine(gz)).toEqual(expectedQuarantine);

    // A folder (recursively, non-event files skipped) and a glob over split files.
    const half = Math.floor(events.length / 2);
    writeLines('split/part-1.ndjson', events.slice(0, half));
    writeLines('split/nested/part-2.jsonl', events.slice(half));
    writeFileSync(path.join(dir, 'split', 'README.txt'), 'not events\n');
    const folder = await openStore();
    const folderReport = await run(folder, [path.join(dir, 'split')]);
    expect(folderReport.sources).toHaveLength(2);
    expect(await dump(folder)).toEqual(expected);

    writeLines('glob/a.ndjson', events.slice(0, half));
    writeLines('glob/b.ndjson', events.slice(half));
    writeLines('glob/c.txt', ['ignored']);
    const glob = await openStore();
    const globReport = await run(glob, [path.join(dir, 'glob', '*.ndjson')]);
    expect(globReport.sources).toEqual([
      path.join(dir, 'glob', 'a.ndjson'),
      path.join(dir, 'glob', 'b.ndjson'),
    ]);
    expect(await dump(glob)).toEqual(expected);
    expect((await glob.status()).quarantined).toBe(2);
  });

  it('Parquet input gives the same events and facts as NDJSON', async () => {
    const ndjson = writeLines('world.ndjson', world());
    const parquet = await toParquet(ndjson, 'world.parquet');

    const fromNdjson = await openStore();
    await run(fromNdjson, [ndjson]);
    const fromParquet = await openStore();
    const report = await run(fromParquet, [parquet]);
    expect(report).toMatchObject({
      received: world().length,
      stored: world().length,
      quarantined: 0,
    });
    // Parquet rows are re-rendered as JSON, so the bytes (and hashes) differ; the meaning not.
    expect(await dump(fromParquet, { hashes: false })).toEqual(
      await dump(fromNdjson, { hashes: false }),
    );
  });

  it("Parquet keeps a role's null end (a current job) while dropping absent fields", async () => {
    const snapshot = (id: string, end: string | null) =>
      JSON.stringify({
        event_id: id,
        event_type: 'RESUME_SNAPSHOT',
        user_id: 'u1',
        timestamp: '2025-03-01T10:00:00Z',
        resume_version_id: `rv-${id}`,
        resume: {
          summary: 'Engineer',
          skills: ['sql'],
          certifications: [],
          page_count: 1,
          education: [],
          roles: [
            {
              title: 'Engineer',
              company: 'Acme',
              start: '2020-01',
              end,
              bullets: ['Built things'],
            },
          ],
        },
      });
    const ndjson = writeLines('snapshots.ndjson', [
      snapshot('s1', null),
      snapshot('s2', '2024-06'),
    ]);
    const parquet = await toParquet(ndjson, 'snapshots.parquet');
    const store = await openStore();
    expect(await run(store, [parquet])).toMatchObject({ received: 2, stored: 2, quarantined: 0 });
  });

  it('a missing input names the problem and what to give instead', async () => {
    const store = await openStore();
    await expect(run(store, [path.join(dir, 'nope.ndjson')])).rejects.toThrow(
      /does not exist \(give a file, a folder, a glob/,
    );
    await expect(run(store, [path.join(dir, '*.parquet')])).rejects.toThrow(/matched no file/);
  });
});

describe('facts', () => {
  let store: EventStore;
  const app = async (id: string) =>
    one(
      store,
      `SELECT reached_interview, reached_offer, rejected, ghosted, final_status,
              submit_weekday::INT AS submit_weekday, submit_hour::INT AS submit_hour,
              submitted_at::VARCHAR AS submitted_at,
              days_to_first_response
       FROM applications WHERE application_id = '${id}'`,
    );

  beforeEach(async () => {
    store = await openStore();
    await run(store, [writeLines('world.ndjson', world())]);
  });

  it('"ever reached interview" survives a later rejection', async () => {
    expect(await app('a1')).toMatchObject({
      reached_interview: true,
      reached_offer: false,
      rejected: true,
      ghosted: false,
      final_status: 'rejected',
      days_to_first_response: 2.2,
    });
  });

  it('silence longer than ghost_after_days counts as ghosting, shorter does not', async () => {
    expect(await app('a2')).toMatchObject({ ghosted: true, final_status: 'ghosted' });
    expect(await app('a3')).toMatchObject({ ghosted: false, final_status: 'pending' });
    // A shorter threshold turns the 14-day silence into ghosting too; an answer never is.
    await store.rebuildFacts({ ghost_after_days: 10 });
    expect(await app('a3')).toMatchObject({ ghosted: true, final_status: 'ghosted' });
    expect(await app('a1')).toMatchObject({ ghosted: false });
    await store.rebuildFacts({ ghost_after_days: 60 });
    expect(await app('a2')).toMatchObject({ ghosted: false, final_status: 'pending' });
  });

  it('the ghost_after_days of an ingest reaches the facts', async () => {
    const other = await openStore();
    await run(other, [writeLines('w.ndjson', world())], { facts: { ghost_after_days: 10 } });
    const rows = await other.rows(`SELECT application_id, ghosted FROM applications ORDER BY 1`);
    expect(rows).toEqual([
      { application_id: 'a1', ghosted: false },
      { application_id: 'a2', ghosted: true },
      { application_id: 'a3', ghosted: true },
    ]);
  });

  it('weekday and hour of submission are in UTC, from an offset timestamp', async () => {
    // Submitted Sunday 2026-01-04 23:30 at -05:00 = Monday 04:30 UTC (ISO weekday 1).
    expect(await app('a1')).toMatchObject({
      submitted_at: '2026-01-05 04:30:00',
      submit_weekday: 1,
      submit_hour: 4,
    });
  });

  it('users: each profile version holds from its time until the next one', async () => {
    const rows = await store.rows(
      `SELECT user_id, valid_from::VARCHAR AS valid_from, valid_to::VARCHAR AS valid_to,
              years_experience, seniority, consent_market_insights, consent_personalization
       FROM users ORDER BY valid_from`,
    );
    expect(rows).toEqual([
      {
        user_id: 'u1',
        valid_from: '2026-01-01 08:00:00',
        valid_to: '2026-01-03 08:00:00',
        years_experience: 3,
        seniority: 'senior',
        // No consent given: the contract's default is consent.
        consent_market_insights: true,
        consent_personalization: true,
      },
      {
        user_id: 'u1',
        valid_from: '2026-01-03 08:00:00',
        valid_to: null,
        years_experience: 4,
        seniority: 'mid',
        consent_market_insights: false,
        consent_personalization: true,
      },
    ]);
    // The profile in force at an event's time is the interval holding it.
    expect(
      await one(
        store,
        `SELECT u.years_experience FROM applications a JOIN users u
           ON u.user_id = a.user_id AND a.submitted_at >= u.valid_from
          AND (u.valid_to IS NULL OR a.submitted_at < u.valid_to)`,
      ),
    ).toEqual({ years_experience: 4 });
  });

  it('resume_versions accumulate accepted edit types version after version', async () => {
    const rows = await store.rows(
      `SELECT resume_version_id, edit_types_added, edit_types, suggested_edit_types,
              before_score, after_score
       FROM resume_versions ORDER BY created_at`,
    );
    expect(rows).toEqual([
      {
        resume_version_id: 'v1',
        edit_types_added: ['added_metrics_to_bullets'],
        edit_types: ['added_metrics_to_bullets'],
        suggested_edit_types: ['added_metrics_to_bullets'],
        before_score: 70,
        after_score: 81,
      },
      {
        resume_version_id: 'v2',
        edit_types_added: ['strengthened_action_verbs'],
        edit_types: ['added_metrics_to_bullets', 'strengthened_action_verbs'],
        suggested_edit_types: ['added_metrics_to_bullets'],
        before_score: 70,
        after_score: 81,
      },
      {
        // Rejected by the user: its edit never made it into the resume.
        resume_version_id: 'v3',
        edit_types_added: [],
        edit_types: ['added_metrics_to_bullets', 'strengthened_action_verbs'],
        suggested_edit_types: ['added_metrics_to_bullets'],
        before_score: 70,
        after_score: 81,
      },
    ]);
  });

  it('protected attributes stay apart from the users table', async () => {
    const columns = await store.rows(
      `SELECT column_name FROM duckdb_columns() WHERE table_name = 'users'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('attributes');
    expect(
      await store.rows(`SELECT user_id, attributes::VARCHAR AS a FROM user_protected_attributes`),
    ).toEqual([
      { user_id: 'u1', a: '{"gender":"f","age_band":"30-39"}' },
      { user_id: 'u1', a: '{"gender":"f","age_band":"30-39"}' },
    ]);
  });
});

/** `n` valid JOB_POSTED events with ids `${prefix}0..`: no user, no pending, no facts. */
const jobs = (prefix: string, n: number): Json[] =>
  Array.from({ length: n }, (_, i) =>
    ev('JOB_POSTED', { event_id: `${prefix}${i}`, job_id: `${prefix}-job-${i}` }),
  );

describe('sources that cannot be read', () => {
  it('a truncated gzip keeps its readable lines and is named; the files after it are read', async () => {
    const store = await openStore();
    writeLines('in/a.ndjson', jobs('a', 10));
    const whole = gzipSync(
      Buffer.concat(jobs('b', 5000).map((e) => Buffer.from(`${JSON.stringify(e)}\n`))),
    );
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    writeFileSync(path.join(dir, 'in', 'b.ndjson.gz'), cut);
    writeLines('in/c.ndjson', jobs('c', 10));
    // What any gunzip recovers from the cut file: complete lines, then part of one.
    const readable = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString();
    const complete = readable.split('\n').length - 1;
    const partial = readable.slice(readable.lastIndexOf('\n') + 1);
    expect(complete).toBeGreaterThan(1000);
    expect(partial.length).toBeGreaterThan(0);

    const report = await run(store, [path.join(dir, 'in')], { batchSize: 1000 });
    const source = path.join(dir, 'in', 'b.ndjson.gz');
    expect(report).toMatchObject({
      status: 'completed_with_errors',
      unreadable_sources: [{ source, reason: 'unexpected end of file', lines_read: complete + 1 }],
      stored: 10 + complete + 10,
      quarantined_by_reason: { truncated_line: 1 },
    });
    // The cut line is kept as it was read, where it was read.
    expect(
      await store.rows(
        `SELECT source, line::INTEGER AS line, reason, message, decode(raw) AS raw FROM quarantine`,
      ),
    ).toEqual([
      {
        source,
        line: complete + 1,
        reason: 'truncated_line',
        message: 'the input ended in the middle of this line (unexpected end of file)',
        raw: partial,
      },
    ]);
    const [runRow] = await store.rows(`SELECT status, report FROM ingest_runs`);
    expect(runRow.status).toBe('completed_with_errors');
    expect(JSON.parse(String(runRow.report)).unreadable_sources).toEqual(report.unreadable_sources);
  });

  it('a dangling link and a file that fails to read are recorded; a FIFO is skipped, not waited on', async () => {
    const store = await openStore();
    const at = (name: string) => path.join(dir, 'in', name);
    writeLines('in/a.ndjson', jobs('a', 3));
    symlinkSync(path.join(dir, 'gone.ndjson'), at('b.ndjson'));
    // Reading /proc/self/mem at offset 0 fails (EIO) even for root, whom chmod 000 does not stop.
    symlinkSync('/proc/self/mem', at('c.ndjson'));
    execFileSync('mkfifo', [at('d.ndjson')]);
    writeLines('in/e.ndjson', jobs('e', 3));

    const report = await run(store, [path.join(dir, 'in')]);
    expect(report).toMatchObject({
      status: 'completed_with_errors',
      sources: [at('a.ndjson'), at('c.ndjson'), at('e.ndjson')],
      stored: 6,
      unreadable_sources: [
        {
          source: at('b.ndjson'),
          reason: `dangling symbolic link: its target '${path.join(dir, 'gone.ndjson')}' cannot be reached (ENOENT)`,
          lines_read: 0,
        },
        { source: at('c.ndjson'), reason: 'EIO: i/o error, read', lines_read: 0 },
      ],
      skipped_sources: [{ source: at('d.ndjson'), reason: 'not a regular file (a FIFO)' }],
    });
    expect(await store.rows(`SELECT status FROM ingest_runs`)).toEqual([
      { status: 'completed_with_errors' },
    ]);
  });

  // As root, chmod 000 does not stop reads: the /proc/self/mem case above covers a failing read.
  (process.getuid?.() === 0 ? it.skip : it)(
    'a file without read permission is recorded and the others are read',
    async () => {
      const store = await openStore();
      writeLines('in/a.ndjson', jobs('a', 3));
      chmodSync(writeLines('in/b.ndjson', jobs('b', 3)), 0o000);
      const report = await run(store, [path.join(dir, 'in')]);
      expect(report).toMatchObject({ status: 'completed_with_errors', stored: 3 });
      expect(report.unreadable_sources[0].reason).toMatch(/^EACCES/);
    },
  );

  it('a failure of the store ends the run failed with its error, not left running', async () => {
    const store = await openStore();
    await store.rows('DROP TABLE known_applications');
    await expect(run(store, [writeLines('a.ndjson', jobs('a', 3))])).rejects.toThrow(
      /known_applications/,
    );
    const [runRow] = await store.rows(`SELECT status, report FROM ingest_runs`);
    expect(runRow.status).toBe('failed');
    expect(JSON.parse(String(runRow.report)).error).toMatch(/known_applications/);
  });
});

describe('size limits', () => {
  it('a line over the limit is quarantined as too_large with its first bytes and its size', async () => {
    const store = await openStore();
    // A valid event with a 50 MB field (extra fields are allowed) was stored whole.
    const big = JSON.stringify({ ...jobs('big', 1)[0], description: 'x'.repeat(50 << 20) });
    const report = await run(store, [
      writeLines('big.ndjson', [jobs('a', 1)[0], big, ...jobs('c', 1)]),
    ]);
    expect(report).toMatchObject({ stored: 2, quarantined_by_reason: { too_large: 1 } });
    const rows = await store.rows(
      `SELECT line::INTEGER AS line, reason, field, message, decode(raw) AS raw FROM quarantine`,
    );
    expect(rows).toEqual([
      {
        line: 2,
        reason: 'too_large',
        field: '',
        message: `the line is ${big.length} bytes, over the limit of 1048576 (maxLineBytes, --max-line-bytes); its first 4096 bytes are kept`,
        raw: big.slice(0, 4096),
      },
    ]);
  });

  it('a Parquet row over the limit as JSON is quarantined as too_large too', async () => {
    const ndjson = writeLines('rows.ndjson', [
      ...jobs('a', 2),
      { ...jobs('big', 1)[0], description: 'x'.repeat(2000) },
    ]);
    const parquet = await toParquet(ndjson, 'rows.parquet');
    const store = await openStore();
    const report = await run(store, [parquet], { maxLineBytes: 1000 });
    expect(report).toMatchObject({ stored: 2, quarantined_by_reason: { too_large: 1 } });
    const [row] = await store.rows(`SELECT line::INTEGER AS line, message FROM quarantine`);
    expect(row.line).toBe(3);
    expect(row.message).toMatch(/^the line is \d+ bytes, over the limit of 1000 /);
  });

  it('maxLineBytes is the largest line accepted, counted without the line end', async () => {
    const store = await openStore();
    const padded = (id: string, bytes: number) => {
      const bare = JSON.stringify({ ...jobs(id, 1)[0], pad: '' });
      return JSON.stringify({ ...jobs(id, 1)[0], pad: 'p'.repeat(bytes - bare.length) });
    };
    const lines = [padded('fits', 500), `${padded('crlf', 500)}\r`, padded('over', 501)];
    expect(lines.map((l) => l.length)).toEqual([500, 501, 501]);
    const report = await run(store, [writeLines('edge.ndjson', lines)], { maxLineBytes: 500 });
    expect(report).toMatchObject({ stored: 2, quarantined_by_reason: { too_large: 1 } });
    expect(await store.rows(`SELECT line::INTEGER AS line FROM quarantine`)).toEqual([{ line: 3 }]);
  });
});
