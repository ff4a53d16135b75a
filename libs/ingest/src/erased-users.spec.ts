import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exampleEvents } from '@hirelearn/contract';
import { EventStore } from '@hirelearn/store';
import { ingest } from './ingest';

// Once the store holds a tombstone, the door asks for every line whether its user is erased,
// and a tombstone keeps a salted hash of the id: each user is hashed once per run, not once per
// line, and an erasure in the middle of the input still refuses that user's later lines.
const NOW = new Date('2026-03-01T00:00:00Z');
let dir: string;
let store: EventStore;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-erased-users-'));
  store = await EventStore.open('duckdb::memory:');
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, events: Record<string, unknown>[]): string {
  const f = path.join(dir, name);
  writeFileSync(f, events.map((e) => JSON.stringify(e)).join('\n'));
  return f;
}
const changed = (id: string, user: string) => ({
  ...exampleEvents().MODE_CHANGED,
  event_id: id,
  user_id: user,
});
const deletion = (id: string, user: string) => ({
  ...exampleEvents().USER_DELETION_REQUESTED,
  event_id: id,
  user_id: user,
});

describe('the door and erased users', () => {
  it('hashes each user once per run and refuses the lines after an erasure', async () => {
    await ingest(store, [file('first.ndjson', [deletion('d-0', 'u-gone')])], { now: NOW });
    const hashed: string[] = [];
    const userHash = store.userHash.bind(store);
    store.userHash = (userId) => {
      hashed.push(userId);
      return userHash(userId);
    };
    const events = [
      ...Array.from({ length: 30 }, (_, i) => changed(`a-${i}`, i % 2 ? 'u-1' : 'u-2')),
      changed('gone-1', 'u-gone'),
      deletion('d-1', 'u-2'),
      ...Array.from({ length: 20 }, (_, i) => changed(`b-${i}`, i % 2 ? 'u-1' : 'u-2')),
    ];
    const report = await ingest(store, [file('second.ndjson', events)], { now: NOW });

    expect(report).toMatchObject({ stored: 30 + 10, refused_erased_user: 1 + 10 });
    // Once each when first seen, and once when u-2's tombstone is written (by the door and by
    // the store's erasure).
    expect(hashed.filter((u) => u === 'u-1')).toHaveLength(1);
    expect(hashed.filter((u) => u === 'u-gone')).toHaveLength(1);
    expect(hashed.filter((u) => u === 'u-2').length).toBeLessThanOrEqual(3);
  });
});
