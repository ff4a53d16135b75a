import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EventStore } from '@hirelearn/store';
import { requireBuiltCli, runCli, runCliAsync, startCli } from './support/cli';
import { generateEventLog, seededRandom } from './support/event-log';

/**
 * A crashed ingest, re-run, converges on exactly the store a clean ingest gives: every batch
 * is one transaction and every write is idempotent. The ingest runs in the built CLI as a
 * child process and is killed with SIGKILL (no chance to clean up) at seeded random times.
 */

const LINES = Number(process.env.HIRELEARN_CRASH_LINES ?? 200_000);
const KILL_POINTS = 5;
const SEED = 20260106;

/** Tables compared, each as a sorted dump; tombstones by time (their hash is salted per store). */
const DUMPS: Record<string, string> = {
  raw_events: `SELECT event_id || ' ' || content_hash AS r FROM raw_events`,
  pending_events: `SELECT event_id || ' ' || content_hash AS r FROM pending_events`,
  quarantine: `SELECT quarantine_id || ' ' || reason AS r FROM quarantine`,
  tombstones: `SELECT erased_at::VARCHAR AS r FROM tombstones`,
  known_applications: `SELECT application_id || ' ' || user_id AS r FROM known_applications`,
  applications: `SELECT t::VARCHAR AS r FROM applications t`,
  users: `SELECT t::VARCHAR AS r FROM users t`,
  user_protected_attributes: `SELECT t::VARCHAR AS r FROM user_protected_attributes t`,
  resume_versions: `SELECT t::VARCHAR AS r FROM resume_versions t`,
};

/** Row count and a digest of the sorted dump of every compared table. */
async function fingerprint(url: string, erasedUser: string): Promise<Record<string, string>> {
  const store = await EventStore.open(url);
  try {
    const out: Record<string, string> = {};
    for (const [table, dump] of Object.entries(DUMPS)) {
      const [row] = await store.rows(
        `SELECT count(*)::VARCHAR AS n, md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) AS h
         FROM (${dump})`,
      );
      out[table] = `${row.n} rows, ${row.h}`;
    }
    // The tombstone is this store's salted hash of the erased user.
    const tombstones = await store.tombstoneHashes();
    out.erased_user_tombstone = String(tombstones.has(store.userHash(erasedUser)));
    return out;
  } finally {
    await store.close();
  }
}

function ingestArgs(file: string, db: string): string[] {
  return ['ingest', file, '--db', db, '--batch-size', '5000', '--json'];
}

/** Starts the ingest, kills it after `delayMs`; resolves with how the child ended. */
function ingestKilledAfter(args: string[], delayMs: number): Promise<NodeJS.Signals | number> {
  const child = startCli(args);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal) resolve(signal);
      else if (code === 0) resolve(0);
      else reject(new Error(`ingest exited ${code} before the kill: ${stderr}`));
    });
  });
}

describe('ingest crash recovery', () => {
  let dir: string;

  beforeAll(() => {
    requireBuiltCli();
    dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`re-running a SIGKILLed ingest gives exactly the clean store (${KILL_POINTS} kill points)`, async () => {
    const log = generateEventLog(LINES, SEED);
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, log.bytes);

    const cleanUrl = `duckdb://${path.join(dir, 'clean.duckdb')}`;
    const started = Date.now();
    const clean = runCli(ingestArgs(file, cleanUrl));
    const cleanMs = Date.now() - started;
    expect(clean.stderr).not.toMatch(/hirelearn:/);
    expect(clean.code).toBe(0);
    const report = JSON.parse(clean.stdout) as Record<string, number>;
    // The log exercises what the crash could break.
    expect(report.received).toBe(log.lines);
    expect(report.duplicates).toBeGreaterThan(0);
    expect(report.quarantined).toBeGreaterThan(0);
    expect(report.pending).toBeGreaterThan(0);
    expect(report.released).toBeGreaterThan(0);
    expect(report.erased_users).toBe(1);
    expect(report.refused_erased_user).toBeGreaterThan(0);
    const expected = await fingerprint(cleanUrl, log.erasedUser);
    expect(expected.erased_user_tombstone).toBe('true');

    const random = seededRandom(SEED);
    const delays = Array.from({ length: KILL_POINTS }, () =>
      Math.round(200 + random() * Math.max(0, cleanMs - 200)),
    );
    /** One kill point: a fresh store, an ingest killed after `delay`, then a full re-run. */
    const crashAndRerun = async (delay: number, i: number) => {
      const url = `duckdb://${path.join(dir, `crash-${i}.duckdb`)}`;
      const ended = await ingestKilledAfter(ingestArgs(file, url), delay);
      const rerun = await runCliAsync(ingestArgs(file, url));
      expect({ delay, code: rerun.code, stderr: rerun.stderr }).toEqual({
        delay,
        code: 0,
        stderr: expect.not.stringMatching(/hirelearn:/),
      });
      expect({ delay, ...(await fingerprint(url, log.erasedUser)) }).toEqual({
        delay,
        ...expected,
      });
      rmSync(path.join(dir, `crash-${i}.duckdb`), { force: true });
      return ended;
    };
    // Two kill points at a time: one per core.
    const endings: (NodeJS.Signals | number)[] = [];
    for (let i = 0; i < delays.length; i += 2) {
      endings.push(
        ...(await Promise.all(delays.slice(i, i + 2).map((d, j) => crashAndRerun(d, i + j)))),
      );
    }
    // Most children must really have died mid-ingest, or the test proves nothing.
    expect(endings.filter((e) => e === 'SIGKILL').length).toBeGreaterThanOrEqual(
      Math.ceil(KILL_POINTS / 2),
    );
  }, 600_000);
});
