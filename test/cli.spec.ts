import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EVENT_TYPES, exampleEvents } from '@hirelearn/contract';
import { openDocumentStore } from '@hirelearn/store';
import { CLI, cliJson, requireBuiltCli, runCli } from './support/cli';

/** A smoke test of the built CLI: every command, its JSON output and its error messages. */

const examples = exampleEvents();
const USER = examples.APPLICATION_CREATED.user_id as string;

let dir: string;
let db: string;

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-cli-'));
  db = `duckdb://${path.join(dir, 'events.duckdb')}`;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The valid examples (all dated before now) plus one bad line of each kind. */
function eventFile(): string {
  const file = path.join(dir, 'events.ndjson');
  const lines = [
    ...EVENT_TYPES.filter((t) => t !== 'USER_DELETION_REQUESTED').map((t) =>
      Buffer.from(JSON.stringify(examples[t])),
    ),
    Buffer.from(JSON.stringify(examples.MODE_CHANGED)),
    Buffer.from('{"event_id": "cut'),
    Buffer.from(JSON.stringify({ ...examples.MODE_CHANGED, event_id: 'm2', timestamp: 'soon' })),
    Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff]), Buffer.from('"}')]),
  ];
  writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
  return file;
}

describe('hirelearn CLI', () => {
  it('schema --out writes one JSON Schema per event type plus the union (19 files)', () => {
    const out = path.join(dir, 'schemas');
    const result = runCli(['schema', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/wrote 19 JSON Schemas/);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(19);
    expect(files).toContain('event.json');
    const schema = JSON.parse(readFileSync(path.join(out, 'STATUS_CHANGED.json'), 'utf8'));
    expect(schema.required).toEqual(expect.arrayContaining(['application_id', 'outcome']));
  });

  it('ingest --json reports the contract counts', () => {
    const file = eventFile();
    const report = cliJson(['ingest', file, '--db', db]);
    expect(report).toEqual({
      run_id: expect.any(String),
      status: 'completed',
      sources: [file],
      unreadable_sources: [],
      skipped_sources: [],
      received: 21,
      stored: 17,
      duplicates: 1,
      quarantined: 3,
      quarantined_by_reason: { invalid_json: 1, invalid_timestamp: 1, invalid_encoding: 1 },
      pending: 0,
      released: 0,
      refused_erased_user: 0,
      erased_users: 0,
      facts: { applications: 1, users: 1, user_protected_attributes: 1, resume_versions: 1 },
      seconds: expect.any(Number),
    });
  });

  it('ingest without --json prints a report for people', () => {
    const result = runCli(['ingest', eventFile(), '--db', db]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/received\s+21/);
    expect(result.stdout).toMatch(/duplicates\s+18/);
    expect(result.stdout).toMatch(/quarantined by reason/);
  });

  it('ingest - reads stdin', () => {
    const line = JSON.stringify({ ...examples.EXPERIMENT_EXPOSURE, event_id: 'from-stdin' });
    const result = runCli(['ingest', '-', '--db', db, '--json'], {}, `${line}\n`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ sources: ['-'], received: 1, stored: 1 });
  });

  it('a reader that stops early ends the output quietly (no EPIPE crash)', async () => {
    // `hirelearn status | head -0`: the pipe is closed before the CLI writes its first byte.
    const child = spawn(process.execPath, [CLI, 'status', '--db', db], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE/);
    expect(code).toBe(0);
  });

  it('status --json says what the store holds', () => {
    const status = cliJson(['status', '--db', db]);
    expect(status).toMatchObject({
      events: 18,
      users: 1,
      pending: 0,
      quarantined: 3,
      quarantine_by_reason: { invalid_json: 1, invalid_timestamp: 1, invalid_encoding: 1 },
      tombstones: 0,
      ingest_runs: 3,
      first_event_at: '2026-01-04T08:00:00Z',
      facts: { applications: 1 },
    });
    expect((status.by_type as Record<string, number>).EXPERIMENT_EXPOSURE).toBe(2);
  });

  it('quarantine list, show and export give each bad line with its bytes, reason and place', () => {
    const rows = cliJson<Record<string, unknown>[]>(['quarantine', 'list', '--db', db]);
    expect(rows.map((r) => [r.line, r.reason])).toEqual([
      [19, 'invalid_json'],
      [20, 'invalid_timestamp'],
      [21, 'invalid_encoding'],
    ]);
    expect(rows[1]).toMatchObject({ field: 'timestamp', event_id: 'm2', source: eventFile() });
    const onlyJson = cliJson<unknown[]>([
      'quarantine',
      'list',
      '--reason',
      'invalid_json',
      '--db',
      db,
    ]);
    expect(onlyJson).toHaveLength(1);

    const id = String(rows[0].quarantine_id);
    const shown = runCli(['quarantine', 'show', id.slice(0, 12), '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('original bytes:\n{"event_id": "cut\n');
    const shownJson = cliJson(['quarantine', 'show', id, '--db', db]);
    expect(shownJson).toMatchObject({ quarantine_id: id, raw: '{"event_id": "cut', line: 19 });

    const missing = runCli(['quarantine', 'show', 'ffffffffffff', '--db', db]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no single quarantined event matches 'ffffffffffff'/);
    expect(missing.stderr).toMatch(/fix: list them with: hirelearn quarantine list/);

    const out = path.join(dir, 'quarantine.ndjson');
    const exported = runCli(['quarantine', 'export', '--out', out, '--db', db]);
    expect({ code: exported.code, stderr: exported.stderr }).toEqual({ code: 0, stderr: '' });
    expect(exported.stdout).toMatch(/wrote 3 quarantined events/);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.line, l.reason])).toEqual([
      [19, 'invalid_json'],
      [20, 'invalid_timestamp'],
      [21, 'invalid_encoding'],
    ]);
    expect(lines[0].raw).toBe('{"event_id": "cut');
    // Bytes that are not UTF-8 have no text, but their exact base64.
    expect(lines[2].raw).toBeNull();
    expect(Buffer.from(lines[2].raw_base64, 'base64')).toEqual(
      Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff]), Buffer.from('"}')]),
    );
  });

  it('erase removes the user and their logged predictions and leaves a tombstone', async () => {
    const documents = `sqlite://${path.join(dir, 'documents.sqlite')}`;
    const docs = await openDocumentStore(documents);
    await docs
      .collection('predictions')
      .insertMany(
        ['p1', 'p2', 'p3'].map((id, i) => ({ _id: id, user_id: i < 2 ? USER : 'someone' })),
      );
    await docs.close();
    const erase = (user: string) => ['erase', user, '--db', db, '--documents', documents];
    const result = cliJson<{ rows_erased: number; documents_erased: number }>(erase(USER));
    expect(result.rows_erased).toBeGreaterThan(10);
    expect(result.documents_erased).toBe(2);
    const status = cliJson(['status', '--db', db]);
    expect(status).toMatchObject({ users: 0, tombstones: 1 });
    const text = runCli(erase('someone-else'));
    expect(text.stdout).toMatch(
      /erased 0 rows and 0 documents; a tombstone refuses this user's events/,
    );
  });

  it('a missing input exits non-zero naming the problem and what to give instead', () => {
    const missing = path.join(dir, 'no-such-file.ndjson');
    const result = runCli(['ingest', missing, '--db', db]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`input '${missing}' does not exist`);
    expect(result.stderr).toMatch(/give a file, a folder, a glob such as 'data\/\*\.ndjson', or -/);
    expect(result.stdout).toBe('');
  });

  it('an unusable store URL says which forms are accepted', () => {
    const result = runCli(['status', '--db', 'postgres://localhost/x']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unsupported store URL .*duckdb:\/\/\/absolute\/path\.duckdb/);
  });
});

/** `n` valid JOB_POSTED lines (no user, nothing pending), each padded to about `pad` bytes. */
function jobLines(prefix: string, n: number, pad = 0): Buffer {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      ...examples.JOB_POSTED,
      event_id: `${prefix}${i}`,
      job_id: `${prefix}-job-${i}`,
      ...(pad > 0 ? { description: 'd'.repeat(pad) } : {}),
    }),
  );
  return Buffer.from(`${lines.join('\n')}\n`);
}

/**
 * Starts a process that takes a lock on a store (its script prints `held` once it has it)
 * and keeps it until killed.
 */
async function holdLock(script: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', script], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
    child.on('exit', () => reject(new Error(`the lock holder exited: ${err}`)));
  });
  return child;
}

describe('hirelearn ingest keeps what it can read', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hirelearn-cli-input-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a truncated gzip in a folder: named with its reason, its readable lines and the other files stored, exit 3', () => {
    const folder = path.join(work, 'in');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'a.ndjson'), jobLines('a', 5));
    const gz = gzipSync(jobLines('b', 3000));
    const cut = path.join(folder, 'b.ndjson.gz');
    writeFileSync(cut, gz.subarray(0, gz.length >> 1));
    writeFileSync(path.join(folder, 'c.ndjson'), jobLines('c', 5));
    const store = `duckdb://${path.join(work, 'truncated.duckdb')}`;

    const result = runCli(['ingest', folder, '--db', store, '--json', '--threads', '1']);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      status: 'completed_with_errors',
      unreadable_sources: [{ source: cut, reason: 'unexpected end of file' }],
    });
    const readable = report.unreadable_sources[0].lines_read - 1; // the last one was cut
    expect(readable).toBeGreaterThan(500);
    expect(report.stored).toBe(5 + readable + 5);
    expect(result.stderr).toContain(`${cut}: unexpected end of file`);

    const text = runCli(['ingest', folder, '--db', store, '--threads', '1']);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/status\s+completed_with_errors/);
    expect(text.stdout).toMatch(/unreadable sources: 1/);
    expect(text.stdout).toContain('unexpected end of file');
  });

  it('--max-line-bytes quarantines longer lines as too_large', () => {
    const file = path.join(work, 'long.ndjson');
    writeFileSync(file, Buffer.concat([jobLines('s', 2), jobLines('l', 1, 5000)]));
    const store = `duckdb://${path.join(work, 'long.duckdb')}`;
    const report = cliJson(['ingest', file, '--db', store, '--max-line-bytes', '4096']);
    expect(report).toMatchObject({ stored: 2, quarantined_by_reason: { too_large: 1 } });
  });

  it('a full disk is reported as its cause, not as the failed rollback after it', () => {
    // `ulimit -f` is a full disk for this process alone: writes past 8 MiB fail with EFBIG
    // (SIGXFSZ ignored). Before, the message was "cannot rollback - no transaction is active".
    const file = path.join(work, 'big.ndjson');
    writeFileSync(file, jobLines('f', 20_000, 1200));
    const store = path.join(work, 'full.duckdb');
    const full = spawnSync(
      'bash',
      [
        '-c',
        `trap '' XFSZ; ulimit -f 8192; exec "$@"`,
        'bash',
        process.execPath,
        CLI,
        'ingest',
        file,
        '--db',
        store,
        '--threads',
        '1',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(full.status).toBe(1);
    expect(full.stderr).toMatch(/^hirelearn: [^(]*File too large/);
  });
});

describe('read-only commands', () => {
  let work: string;
  let store: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'hirelearn-cli-readonly-'));
    store = path.join(work, 'events.duckdb');
    const file = path.join(work, 'events.ndjson');
    writeFileSync(file, Buffer.concat([jobLines('r', 3), Buffer.from('not json\n')]));
    expect(runCli(['ingest', file, '--db', store]).code).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Root writes to read-only files and folders, so "read but not write" is tested with what
  // does stop root: a lock. A reader's shared lock on the event store (another read-only
  // command, a dashboard) let no other command open it while every command took the write
  // lock; a writer's lock on the document store made `models list` wait 10 s and fail.
  it('status, quarantine, quality and analytics read the event store beside another reader', async () => {
    const holder = await holdLock(
      `const { DuckDBInstance } = require('@duckdb/node-api');
       DuckDBInstance.create(${JSON.stringify(store)}, { access_mode: 'READ_ONLY' })
         .then((i) => i.connect()).then(() => console.log('held'));
       setInterval(() => {}, 1000);`,
    );
    try {
      expect(cliJson(['status', '--db', store])).toMatchObject({ events: 3, quarantined: 1 });
      expect(cliJson<unknown[]>(['quarantine', 'list', '--db', store])).toHaveLength(1);
      expect(runCli(['quality', '--db', store, '--json']).code).toBe(0);
      expect(runCli(['analytics', 'market', '--db', store, '--json']).code).toBe(0);
    } finally {
      holder.kill();
    }
  });

  it('models list reads the document store while a writer holds its lock', async () => {
    const documents = path.join(work, 'documents.sqlite');
    const url = `sqlite://${documents}`;
    expect(cliJson<unknown[]>(['models', 'list', '--documents', url])).toEqual([]);
    const holder = await holdLock(
      `const Database = require('better-sqlite3');
       const db = new Database(${JSON.stringify(documents)});
       db.exec('BEGIN IMMEDIATE'); console.log('held');
       setInterval(() => {}, 1000);`,
    );
    try {
      // A writer's lock made this wait out the busy timeout and fail 'database is locked'.
      expect(cliJson<unknown[]>(['models', 'list', '--documents', url])).toEqual([]);
    } finally {
      holder.kill();
    }
  });
});
