import { documentsUrl as documentsUrlFrom } from '@hirelearn/env';
import { type DocumentStore, openDocumentStore } from '@hirelearn/store';

/** The document store URL of a command: `--documents`, else HIRELEARN_DOCUMENTS, else the embedded default. */
export function documentsUrl(documents: string | undefined): string {
  return documents ?? documentsUrlFrom(process.env);
}

/**
 * Opens the document store for the length of one piece of work; `readOnly` for commands that
 * only read (nothing is created, no write lock is taken).
 */
export async function withDocumentStore<T>(
  documents: string | undefined,
  work: (docs: DocumentStore) => Promise<T>,
  access: { readOnly?: boolean } = {},
): Promise<T> {
  const docs = await openDocumentStore(documentsUrl(documents), access);
  try {
    return await work(docs);
  } finally {
    await docs.close();
  }
}
