import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { EventStore } from './event-store';
import type { Batch, StagedEvent } from './types';

/**
 * The rewrite after an erasure (`EventStore.rewriteFile`): the run's rows are written once,
 * into the fresh file, and a crash after the fresh file is complete is finished by the next
 * open without the old WAL's rows coming back.
 */

function event(id: string, userId: string, padding = 0): StagedEvent {
  const payload = JSON.stringify({ event_id: id, user_id: userId, note: 'x'.repeat(padding) });
  return {
    event_id: id,
    event_type: 'USER_PROFILE_UPDATED',
    user_id: userId,
    application_id: null,
    occurredAtMs: Date.UTC(2026, 0, 1),
    payload,
    source: 'test.ndjson',
    line: 1,
  };
}

/** 5,000 events of about 400 bytes: enough for the file's writes to dwarf its fixed costs. */
function bulk(tag: string): StagedEvent[] {
  return Array.from({ length: 5000 }, (_, i) => event(`${tag}-${i}`, `user-${i % 50}`, 300));
}

/** Bytes this process has written (all threads, DuckDB's included) since it started. */
function bytesWritten(): number {
  const io = readFileSync('/proc/self/io', 'utf8');
  return Number(/^wchar: (\d+)$/m.exec(io)?.[1]);
}

describe('the rewrite after an erasure', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rewrite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * The bytes `finishRun` writes after one batch, with or without a deletion request in it,
   * per byte of the file it leaves.
   */
  async function finishWrites(file: string, withErasure: boolean): Promise<number> {
    const store = await EventStore.open(file);
    await store.startRun('run', ['test.ndjson']);
    const batch: Batch = {
      events: bulk('e'),
      quarantine: [],
      deletions: withErasure ? [{ userId: 'user-7', atMs: Date.UTC(2026, 1, 1) }] : [],
    };
    await store.writeBatch(batch);
    const before = bytesWritten();
    await store.finishRun('run', {});
    const written = bytesWritten() - before;
    await store.close();
    return written / statSync(file).size;
  }

  it('a run with erasures writes its rows once (no CHECKPOINT of the old file before the copy)', async () => {
    // Without erasures the CHECKPOINT writes the file once.
    expect(await finishWrites(path.join(dir, 'plain.duckdb'), false)).toBeLessThan(1.5);
    // With them the copy into the fresh file is the one write. A CHECKPOINT of the old file,
    // then the copy through the fresh file's WAL, then its checkpoint wrote 2.9 times the file.
    expect(await finishWrites(path.join(dir, 'erased.duckdb'), true)).toBeLessThan(1.5);
  });

  /**
   * A store holding one event 'kept', its complete rewrite beside it (`*.rewritten`, as a crash
   * after the copy leaves it), and `walStatement` run on the old file into its WAL only.
   */
  async function interruptedRewrite(walStatement: string): Promise<string> {
    const file = path.join(dir, 'store.duckdb');
    const store = await EventStore.open(file);
    await store.writeBatch({ events: [event('kept', 'user-k')], quarantine: [], deletions: [] });
    await store.close();
    copyFileSync(file, `${file}.rewritten`);
    const old = await DuckDBInstance.create(file);
    const c = await old.connect();
    await c.run(walStatement);
    await c.run('PRAGMA disable_checkpoint_on_shutdown');
    c.closeSync();
    old.closeSync();
    return file;
  }

  it('a complete rewrite left by a crash replaces the file at the next open; the old WAL is not replayed', async () => {
    // The crash's state: the complete rewrite waits beside the old file, whose WAL holds a
    // row the rewrite erased.
    const file = await interruptedRewrite(
      `INSERT INTO raw_events SELECT 'erased', 'USER_PROFILE_UPDATED', 'user-e', NULL,
      TIMESTAMP '2026-01-01', 'SECRET-4711', md5('SECRET-4711'), 'test.ndjson', 2`,
    );
    expect(readFileSync(`${file}.wal`).includes('SECRET-4711')).toBe(true);

    const reopened = await EventStore.open(file);
    const ids = await reopened.rows('SELECT event_id FROM raw_events ORDER BY 1');
    await reopened.close();
    expect(ids).toEqual([{ event_id: 'kept' }]);
    expect(existsSync(`${file}.rewritten`)).toBe(false);
    for (const f of [file, `${file}.wal`].filter((f) => existsSync(f)))
      expect(readFileSync(f).includes('SECRET-4711')).toBe(false);
  });

  it('a reader opening the store finishes such a rewrite first', async () => {
    const file = await interruptedRewrite('DELETE FROM raw_events');

    const reader = await EventStore.open(file, { readOnly: true });
    const ids = await reader.rows('SELECT event_id FROM raw_events');
    await reader.close();
    expect(ids).toEqual([{ event_id: 'kept' }]);
    expect(existsSync(`${file}.rewritten`)).toBe(false);
  });
});
