import { InvalidDocumentError } from './errors';
import type { StoredDocument } from './types';

/**
 * Checks that a document is plain JSON data: strings, finite numbers, booleans, null, arrays
 * and plain objects. SQLite stores JSON text while MongoDB stores BSON, so a Date, undefined,
 * NaN or class instance would come back differently (or not at all) depending on the engine.
 */
export function assertJsonDocument(doc: unknown): void {
  if (!isPlainObject(doc)) {
    throw new InvalidDocumentError('document', `must be a plain object (got ${kindOf(doc)})`);
  }
  if (typeof doc['_id'] !== 'string' || doc['_id'] === '') {
    throw new InvalidDocumentError('_id', `must be a non-empty string (got ${kindOf(doc['_id'])})`);
  }
  for (const [key, value] of Object.entries(doc)) assertJsonValue(value, key);
}

/** Checks every document of a batch, naming the offending one by its index (`docs[3].auc`). */
export function assertJsonDocuments(docs: readonly unknown[]): void {
  if (!Array.isArray(docs)) {
    throw new InvalidDocumentError('docs', `must be an array of documents (got ${kindOf(docs)})`);
  }
  docs.forEach((doc, index) => {
    try {
      assertJsonDocument(doc);
    } catch (error) {
      if (!(error instanceof InvalidDocumentError)) throw error;
      const path = error.path === 'document' ? `docs[${index}]` : `docs[${index}].${error.path}`;
      throw new InvalidDocumentError(path, error.message.slice(error.path.length + 2));
    }
  });
}

function assertJsonValue(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    throw new InvalidDocumentError(path, `must be a finite number (got ${value})`);
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJsonValue(item, `${path}[${index}]`));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) assertJsonValue(item, `${path}.${key}`);
    return;
  }
  throw new InvalidDocumentError(
    path,
    `must be JSON data (string, finite number, boolean, null, array or plain object), got ${kindOf(value)}; ` +
      'store dates as ISO 8601 strings',
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `a ${value.constructor?.name ?? 'object'}`;
  return typeof value;
}

/** The document without `_id` and `revision`, the two fields the store itself keeps. */
export function bodyOf(doc: StoredDocument): Record<string, unknown> {
  const { _id, revision, ...body } = doc as StoredDocument & Record<string, unknown>;
  return body;
}
