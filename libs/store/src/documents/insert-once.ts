import type { DocumentCollection, StoredDocument } from './types';

/**
 * Inserts a document that may already be there (a journal replayed twice, a record copied
 * again by a reader that found it missing): an existing `_id` is success, not an error.
 */
export async function insertOnce<T extends StoredDocument>(
  collection: DocumentCollection<T>,
  doc: T,
): Promise<void> {
  try {
    await collection.insert(doc);
  } catch (error) {
    // By name: under jest each test file has its own copy of the store's error classes.
    if ((error as Error).name !== 'DuplicateDocumentError') throw error;
  }
}
