import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { buildMonitorWorld, type MonitorWorld } from '../testing/monitor-world';
import { loadOutcomes } from './outcome-queries';
import { DEFAULT_MONITOR_FEATURES } from './settings';

describe('loadOutcomes', () => {
  let world: MonitorWorld;
  beforeAll(async () => {
    world = await buildMonitorWorld({ users: 40, months: 3, seed: 5, change: 0 });
  });
  afterAll(() => world.store.close());

  it('reads each feature of each application, by its own name', async () => {
    const features = [...DEFAULT_MONITOR_FEATURES, 'application_id'];
    const outcomes = await loadOutcomes(world.store, features, 30);
    const apps = await world.store.rows(
      'SELECT application_id, fit_score, category FROM applications',
    );
    expect(outcomes.size).toBe(apps.length);
    for (const a of apps) {
      const f = outcomes.get(String(a.application_id))!.features;
      expect([f.application_id, f.fit_score, f.category]).toEqual([
        a.application_id,
        a.fit_score,
        a.category,
      ]);
    }
  });

  it.each([...HOSTILE_STRINGS, 'y', 'no_such_column'])(
    'refuses the feature %j, which is no column of the facts, before spelling it',
    async (feature) => {
      await expect(loadOutcomes(world.store, ['fit_score', feature], 30)).rejects.toThrow(
        `features: not columns of the applications facts: ${JSON.stringify(feature)}`,
      );
      const tables = await world.store.rows('SELECT table_name FROM duckdb_tables()');
      expect(tables.map((t) => t.table_name)).not.toContain('pwned');
    },
  );
});
