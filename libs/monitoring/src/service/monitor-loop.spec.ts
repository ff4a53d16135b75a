import { EventStore, openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { InMemoryRegistry } from '../testing/in-memory-registry';
import { MonitorLoop, type OpenedStores, type TimedMonitorRun } from './monitor-loop';

/** The served monitor's schedule: passes one at a time, every N minutes, errors survived. */
describe('MonitorLoop', () => {
  let events: EventStore;
  let documents: DocumentStore;
  const registry = new InMemoryRegistry('m', [1, 2]);
  let open = 0;
  let maxOpen = 0;
  let failNext = false;

  const stores = async (): Promise<OpenedStores> => {
    if (failNext) {
      failNext = false;
      throw new Error('store briefly unavailable');
    }
    open++;
    maxOpen = Math.max(maxOpen, open);
    // Hold the stores a little, so overlapping passes would show.
    await new Promise((r) => setTimeout(r, 20));
    return {
      deps: { events, documents, registry },
      close: async () => {
        open--;
      },
    };
  };

  beforeAll(async () => {
    events = await EventStore.open('duckdb::memory:');
    documents = await openDocumentStore('sqlite::memory:');
  });
  afterAll(async () => {
    await documents.close();
    await events.close();
  });

  it('runs RunNow passes one at a time, in call order, and tells the listeners', async () => {
    const loop = new MonitorLoop(stores);
    const heard: TimedMonitorRun[] = [];
    const unsubscribe = loop.subscribe((r) => heard.push(r));
    const runs = await Promise.all([loop.run('run_now'), loop.run('run_now'), loop.run('run_now')]);
    unsubscribe();
    expect(maxOpen).toBe(1);
    expect(heard).toEqual(runs);
    expect(runs.map((r) => r.trigger)).toEqual(['run_now', 'run_now', 'run_now']);
    expect(runs[0].versions).toEqual([
      expect.objectContaining({ model: 'm', version: 2, windows: 0, rollback: 'not_needed' }),
    ]);
    expect(runs[1].started_at >= runs[0].finished_at).toBe(true);
    expect(loop.last).toBe(runs[2]);
  });

  it('runs on its schedule, survives a failed pass, and stops', async () => {
    const loop = new MonitorLoop(stores);
    const heard: TimedMonitorRun[] = [];
    const errors: unknown[] = [];
    loop.subscribe((r) => heard.push(r));
    failNext = true;
    // Every 60 ms (0.001 minutes): the first pass (which fails) at start.
    loop.start(0.001, (e) => errors.push(e));
    await new Promise((r) => setTimeout(r, 400));
    await loop.stop();
    const count = heard.length;
    expect(errors).toEqual([new Error('store briefly unavailable')]);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(heard.every((r) => r.trigger === 'schedule')).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    expect(heard.length).toBe(count);
    expect(() => loop.start(0, () => undefined)).toThrow('everyMinutes must be > 0, got 0');
  });
});
