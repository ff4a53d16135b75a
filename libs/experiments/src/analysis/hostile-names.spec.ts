import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exampleEvents, HOSTILE_STRINGS } from '@hirelearn/contract';
import { ingest } from '@hirelearn/ingest';
import { EventStore } from '@hirelearn/store';
import { metricDefinition, METRICS } from './metrics';
import { pullSufficientStats } from './sufficient-stats-queries';

/** Experiment and variant ids are data: each hostile one is read back verbatim, never run. */
describe('experiment data under hostile ids', () => {
  let dir: string;
  let store: EventStore;
  const metrics = [METRICS.reached_interview];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'experiments-hostile-'));
    const file = path.join(dir, 'events.ndjson');
    const exposures = HOSTILE_STRINGS.flatMap((h, i) =>
      ['a', 'b'].map((k) => ({
        ...exampleEvents().EXPERIMENT_EXPOSURE,
        event_id: `exposure-${i}-${k}`,
        user_id: `${h}#${k}`,
        experiment_id: h,
        variant_id: `${h}#${k}`,
      })),
    );
    writeFileSync(file, exposures.map((e) => JSON.stringify(e)).join('\n'));
    store = await EventStore.open('duckdb::memory:');
    await ingest(store, [file], { now: new Date('2026-03-01T00:00:00Z') });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulls the users of each hostile experiment under their hostile variant ids', async () => {
    for (const h of HOSTILE_STRINGS) {
      const data = await pullSufficientStats(store, h, metrics, 60);
      expect([h, data.status, data.users]).toEqual([h, 'ok', { [`${h}#a`]: 1, [`${h}#b`]: 1 }]);
    }
    const tables = await store.rows('SELECT table_name FROM duckdb_tables()');
    expect(tables.map((t) => t.table_name)).not.toContain('pwned');
  });

  it('refuses a pre-period that is not a number of days, naming the setting', async () => {
    for (const days of [Number.NaN, -1, Infinity]) {
      await expect(pullSufficientStats(store, 'x', metrics, days)).rejects.toThrow(
        `pre_period_days: must be a finite number of days >= 0, got ${days}`,
      );
    }
  });

  it('knows no metric by a hostile id (the catalogue is looked up, never the prototype)', () => {
    for (const h of HOSTILE_STRINGS) expect([h, metricDefinition(h)]).toEqual([h, undefined]);
  });
});
