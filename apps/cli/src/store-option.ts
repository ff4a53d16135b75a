import { EventStore } from '@hirelearn/store';

/** The store URL of a command: `--db`, else `HIRELEARN_DB`, else the embedded default. */
export function storeUrl(db: string | undefined): string | undefined {
  return db ?? process.env.HIRELEARN_DB;
}

/** Opens the event store for the length of one command. */
export async function withEventStore<T>(
  db: string | undefined,
  work: (store: EventStore) => Promise<T>,
): Promise<T> {
  const store = await EventStore.open(storeUrl(db));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
