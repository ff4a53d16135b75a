import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EVENT_TYPES, exampleEvents } from '@hirelearn/contract';
import { cliJson, requireBuiltCli, runCli } from './support/cli';

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
      sources: [file],
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

  it('erase removes the user and leaves a tombstone', () => {
    const documents = `sqlite://${path.join(dir, 'documents.sqlite')}`;
    const erase = (user: string) => ['erase', user, '--db', db, '--documents', documents];
    const result = cliJson<{ rows_erased: number; documents_erased: number }>(erase(USER));
    expect(result.rows_erased).toBeGreaterThan(10);
    expect(result.documents_erased).toBe(0);
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
