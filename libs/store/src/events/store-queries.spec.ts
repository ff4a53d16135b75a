import { EventStore } from './event-store';
import { knownUserIds } from './store-queries';
import type { StagedEvent } from './types';

const event = (id: string, userId: string | null): StagedEvent => ({
  event_id: id,
  event_type: userId === null ? 'JOB_POSTED' : 'USER_PROFILE_UPDATED',
  user_id: userId,
  application_id: null,
  occurredAtMs: Date.UTC(2026, 0, 1),
  payload: JSON.stringify({ event_id: id }),
  source: 'test.ndjson',
  line: 1,
});

describe('knownUserIds', () => {
  it('lists every user an event names once, in id order, and no null for events of no user', async () => {
    const store = await EventStore.open('duckdb::memory:');
    try {
      expect(await knownUserIds(store)).toEqual([]);
      await store.writeBatch({
        events: [event('e1', 'u-2'), event('e2', 'u-1'), event('e3', 'u-2'), event('e4', null)],
        quarantine: [],
        deletions: [],
      });
      expect(await knownUserIds(store)).toEqual(['u-1', 'u-2']);
    } finally {
      await store.close();
    }
  });
});
