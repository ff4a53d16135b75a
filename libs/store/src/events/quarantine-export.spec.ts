import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { EventStore } from './event-store';

/** A file name of each hostile string ('/' cannot be in one). */
const names = HOSTILE_STRINGS.map((h) => `${h.replaceAll('/', '_')}.ndjson`);

describe('quarantineExport', () => {
  let dir: string;
  let store: EventStore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'quarantine-export-'));
    store = await EventStore.open('duckdb::memory:');
    await store.writeBatch({
      events: [],
      deletions: [],
      quarantine: HOSTILE_STRINGS.map((h, line) => ({
        event_id: h,
        event_type: null,
        user_id: h,
        reason: 'invalid_json',
        field: h,
        message: h,
        raw: Buffer.from(h),
        source: h,
        line,
      })),
    });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(names)('writes to a path named %j, the path never spelled into SQL', async (name) => {
    const file = path.join(dir, name);
    await expect(store.quarantineExport(file)).resolves.toBe(HOSTILE_STRINGS.length);
    const rows = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => r.raw).sort()).toEqual([...HOSTILE_STRINGS].sort());
    expect(rows.every((r) => r.user_id === r.raw && r.message === r.raw)).toBe(true);
    const tables = await store.rows(`SELECT table_name FROM duckdb_tables() ORDER BY 1`);
    expect(tables.map((t) => t.table_name)).not.toContain('pwned');
  });
});
