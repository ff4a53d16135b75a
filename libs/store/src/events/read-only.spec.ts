import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EventStore } from './event-store';

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
