import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { EventStore } from './event-store';
import { DEFAULT_FACTS_SETTINGS, factsSql } from './facts';
import type { StagedEvent } from './types';

describe('factsSql', () => {
  it.each([Number.NaN, Infinity, -1, ...HOSTILE_STRINGS])(
    'refuses ghost_after_days %j, naming the setting, before any SQL is made',
    (value) => {
      const settings = { ghost_after_days: value as unknown as number };
      expect(() => factsSql(settings)).toThrow(
        /^ghost_after_days: must be a finite number of days >= 0, got /,
      );
    },
  );

  it('spells the ghosting threshold as whole days', () => {
    expect(factsSql({ ghost_after_days: 29.6 })).toContain('INTERVAL 30 DAY');
    expect(factsSql(DEFAULT_FACTS_SETTINGS)).toContain('INTERVAL 30 DAY');
  });
});

describe('the applications facts', () => {
  const event = (
    id: string,
    type: 'APPLICATION_CREATED' | 'APPLICATION_SUBMITTED',
    app: string,
    at: string,
    mode: string,
  ): StagedEvent => ({
    event_id: id,
    event_type: type,
    user_id: `user-${app}`,
    application_id: app,
    occurredAtMs: Date.parse(at),
    payload: JSON.stringify({ job_id: `job-${mode}`, context: { strategy_mode: mode } }),
    source: 'test.ndjson',
    line: 1,
  });

  it("take the context of an application's latest submission, else of its latest creation", async () => {
    const store = await EventStore.open('duckdb::memory:');
    await store.writeBatch({
      events: [
        event('a-created', 'APPLICATION_CREATED', 'a', '2026-01-01T09:00:00Z', 'created'),
        event('a-late', 'APPLICATION_SUBMITTED', 'a', '2026-01-03T09:00:00Z', 'resubmitted'),
        event('a-first', 'APPLICATION_SUBMITTED', 'a', '2026-01-02T09:00:00Z', 'submitted'),
        event('b-created', 'APPLICATION_CREATED', 'b', '2026-01-01T10:00:00Z', 'only-created'),
      ],
      quarantine: [],
      deletions: [],
    });
    await store.rebuildFacts(DEFAULT_FACTS_SETTINGS);
    expect(
      await store.rows(`SELECT application_id, user_id, job_id, strategy_mode,
          created_at::VARCHAR AS created_at, submitted_at::VARCHAR AS submitted_at
        FROM applications ORDER BY 1`),
    ).toEqual([
      {
        application_id: 'a',
        user_id: 'user-a',
        job_id: 'job-resubmitted',
        strategy_mode: 'resubmitted',
        created_at: '2026-01-01 09:00:00',
        submitted_at: '2026-01-02 09:00:00',
      },
      {
        application_id: 'b',
        user_id: 'user-b',
        job_id: 'job-only-created',
        strategy_mode: 'only-created',
        created_at: '2026-01-01 10:00:00',
        submitted_at: null,
      },
    ]);
    await store.close();
  });
});
