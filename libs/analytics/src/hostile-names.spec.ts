import { HOSTILE_STRINGS } from '@hirelearn/contract';
import type { EventStore } from '@hirelearn/store';
import { userSegments } from './segments';
import { analyticsSettings } from './settings';
import { storeOf, profileEvent } from './testing/event-builder';
import { crossUserWorld } from './testing/cross-user-world';
import { userPerformance } from './user-performance';
import { parsePeriod } from './period';

/** k = 2: two users share each hostile profile value, so every one of them is shown. */
const settings = analyticsSettings({ k: 2 });

describe('analytics over hostile names', () => {
  let store: EventStore;
  beforeAll(async () => {
    const hostileUsers = HOSTILE_STRINGS.flatMap((h) =>
      ['a', 'b'].map((k) =>
        profileEvent(`${h}#${k}`, '2025-02-01T00:00:00Z', {
          industries: [h],
          locations: [h],
          target_roles: [h],
        }),
      ),
    );
    store = await storeOf([...crossUserWorld(), ...hostileUsers]);
  });
  afterAll(() => store?.close());

  it('refuses a segment dimension it does not know, naming it, before any SQL', async () => {
    for (const h of HOSTILE_STRINGS) {
      await expect(userSegments(store, [h as 'seniority'], settings)).rejects.toThrow(
        `by: unknown segment dimension ${JSON.stringify(h)}`,
      );
    }
    const tables = await store.rows('SELECT table_name FROM duckdb_tables()');
    expect(tables.map((t) => t.table_name)).not.toContain('pwned');
  });

  it('carries hostile profile values verbatim as segment values', async () => {
    const r = await userSegments(store, ['industry', 'location', 'target_role'], settings);
    for (const dimension of ['industry', 'location', 'target_role']) {
      for (const h of HOSTILE_STRINGS) {
        const s = r.segments.find((x) => x.dimension === dimension && x.value === h);
        expect([dimension, h, s?.user_count]).toEqual([dimension, h, 2]);
      }
    }
  });

  it('answers for a user named by a hostile id', async () => {
    const period = parsePeriod('all');
    if (period.status !== 'ok') throw new Error(period.reason);
    for (const h of HOSTILE_STRINGS) {
      const p = await userPerformance(store, `${h}#a`, period.period, settings);
      expect([h, p.user_id, p.total_applications]).toEqual([h, `${h}#a`, 0]);
    }
  });

  it('refuses a ghosting threshold that is not a number of days, naming the setting', async () => {
    const period = parsePeriod('all');
    if (period.status !== 'ok') throw new Error(period.reason);
    for (const days of [Number.NaN, -1, Infinity]) {
      const bad = analyticsSettings({ ghost_after_days: days });
      await expect(userPerformance(store, 's1', period.period, bad)).rejects.toThrow(
        `ghost_after_days: must be a finite number of days >= 0, got ${days}`,
      );
    }
  });
});
