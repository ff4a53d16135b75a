import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EventStore } from './event-store';
import { InterruptedRewriteError } from './interrupted-rewrite-error';

/** The lock held by another process is tested with the CLI (test/cli.spec.ts, read-only commands). */
describe('EventStore.open read-only', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'event-store-read-only-'));
    file = path.join(dir, 'events.duckdb');
    const writer = await EventStore.open(file);
    await writer.writeBatch({
      events: [
        {
          event_id: 'e1',
          event_type: 'JOB_POSTED',
          user_id: null,
          application_id: null,
          occurredAtMs: Date.parse('2026-01-05T08:00:00Z'),
          payload: '{"event_id":"e1"}',
          source: 'test',
          line: 1,
        },
      ],
      quarantine: [],
      deletions: [],
    });
    await writer.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads, and refuses every write', async () => {
    const reader = await EventStore.open(file, { readOnly: true });
    try {
      expect((await reader.status()).events).toBe(1);
      expect(await reader.quarantineList()).toEqual([]);
      await expect(reader.eraseUser('u1')).rejects.toThrow(/read-only/);
    } finally {
      await reader.close();
    }
  });

  it('two readers at once (a writer would lock the other out)', async () => {
    const a = await EventStore.open(file, { readOnly: true });
    const b = await EventStore.open(file, { readOnly: true });
    expect((await a.status()).events).toBe((await b.status()).events);
    await a.close();
    await b.close();
  });

  it('a store not written yet reads as empty, and no file is made', async () => {
    const missing = path.join(dir, 'nothing-yet', 'events.duckdb');
    const reader = await EventStore.open(missing, { readOnly: true });
    expect((await reader.status()).events).toBe(0);
    await reader.close();
    expect(existsSync(path.dirname(missing))).toBe(false);
  });
});

describe('an interrupted erasure rewrite beside the store', () => {
  // As root, chmod does not stop the rename: this runs as any other user.
  (process.getuid?.() === 0 ? it.skip : it)(
    'without write access to the folder the open says what happened and what to do; a writable open completes it',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'event-store-rewritten-'));
      const file = path.join(dir, 'events.duckdb');
      const rewritten = `${file}.rewritten`;
      try {
        await (await EventStore.open(file)).close();
        // What a crash between the rewrite's rename and the swap leaves: a complete rewrite.
        copyFileSync(file, rewritten);
        const before = readFileSync(file);
        chmodSync(dir, 0o555);
        for (const readOnly of [true, false]) {
          const open = EventStore.open(file, { readOnly });
          await expect(open).rejects.toThrow(InterruptedRewriteError);
          await expect(open).rejects.toThrow(
            `${rewritten} is an erasure's rewrite of it that a crash interrupted`,
          );
          await expect(open).rejects.toThrow(
            /completed by the next writable open; run `hirelearn ingest` or any writable command once with write access to /,
          );
        }
        expect(readFileSync(file).equals(before)).toBe(true);
        expect(existsSync(rewritten)).toBe(true);
        chmodSync(dir, 0o755);
        const reader = await EventStore.open(file, { readOnly: true });
        await reader.close();
        expect(existsSync(rewritten)).toBe(false);
      } finally {
        chmodSync(dir, 0o755);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
