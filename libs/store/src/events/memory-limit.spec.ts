import { EventStore } from './event-store';

// The app reads HIRELEARN_DUCKDB_MEMORY and passes it; the store no longer reads the environment.
describe('EventStore memory limit', () => {
  const limitOf = async (options: { memoryLimit?: string }): Promise<string> => {
    const store = await EventStore.open('duckdb::memory:', options);
    try {
      const [row] = await store.rows(`SELECT current_setting('memory_limit') AS limit`);
      return String(row?.limit);
    } finally {
      await store.close();
    }
  };

  it('is what the app passes, else 1 GB, whatever the environment says', async () => {
    const saved = process.env.HIRELEARN_DUCKDB_MEMORY;
    process.env.HIRELEARN_DUCKDB_MEMORY = '3GB';
    try {
      expect(await limitOf({ memoryLimit: '256MB' })).toBe('244.1 MiB');
      expect(await limitOf({})).toBe('953.6 MiB');
    } finally {
      if (saved === undefined) delete process.env.HIRELEARN_DUCKDB_MEMORY;
      else process.env.HIRELEARN_DUCKDB_MEMORY = saved;
    }
  });
});
