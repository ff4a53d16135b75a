import { Option } from 'commander';
import { duckdbMemory } from '@hirelearn/env';
import { EventStore, openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { documentsUrl } from './documents-option';

/**
 * `--db <url>`, the event store of every command that has one; commander fills it from
 * HIRELEARN_DB when the flag is absent. `note` says how the command opens it, when that matters.
 */
export function dbOption(note?: string): Option {
  const what = note === undefined ? 'event store URL' : `event store URL, ${note}`;
  return new Option('--db <url>', `${what} (default: ./.hirelearn/hirelearn.duckdb)`).env(
    'HIRELEARN_DB',
  );
}

/** The store URL of a command: `--db`, else `HIRELEARN_DB`, else the embedded default. */
export function storeUrl(db: string | undefined): string | undefined {
  return db ?? process.env.HIRELEARN_DB;
}

/**
 * Opens the event store for the length of one command; `readOnly` for commands that only
 * read: they need no write access and run beside other readers (a writer's lock excludes all).
 */
export async function withEventStore<T>(
  db: string | undefined,
  work: (store: EventStore) => Promise<T>,
  access: { readOnly?: boolean } = {},
): Promise<T> {
  const store = await EventStore.open(storeUrl(db), {
    ...access,
    memoryLimit: duckdbMemory(process.env),
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * Erases users from the document store (predictions, and any document naming them), opened
 * on first use only, so that a command that erases nobody never creates the embedded file.
 */
export function documentEraser(documents: string | undefined): {
  erase: (userId: string) => Promise<number>;
  close: () => Promise<void>;
} {
  let store: Promise<DocumentStore> | undefined;
  return {
    erase: async (userId) =>
      (await (store ??= openDocumentStore(documentsUrl(documents)))).eraseUser(userId),
    close: async () => {
      if (store !== undefined) await (await store).close();
    },
  };
}
