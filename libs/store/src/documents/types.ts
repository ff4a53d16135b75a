/**
 * The document store's contract, shared by every engine. Async throughout so that an
 * embedded engine (SQLite) and a networked one (MongoDB) fit behind the same calls.
 */

/** Every stored document has a string `_id`; the store owns `revision` (1 on insert, +1 per replace). */
export interface StoredDocument {
  readonly _id: string;
  readonly revision?: number;
}

/** A value a filter can compare against: JSON scalars only, so both engines agree on equality. */
export type DocumentFilterValue = string | number | boolean | null;

/** Operators on one top-level field; several in one object are ANDed (e.g. `$gte` and `$lt`). */
export interface DocumentFilterOperators {
  readonly $in?: readonly DocumentFilterValue[];
  readonly $gt?: string | number;
  readonly $gte?: string | number;
  readonly $lt?: string | number;
  readonly $lte?: string | number;
}

/**
 * Conditions on top-level fields, all ANDed: a scalar means equality (`null` also matches a
 * missing field), an object holds operators. Comparisons are type-strict on every engine
 * (`1` never equals `'1'`; `$gt: 5` sees only numbers). Filter and sort on scalar-valued
 * fields: on an array MongoDB matches elements and SQLite does not, and the engines order
 * mixed-type values differently.
 */
export type DocumentFilter<T extends StoredDocument> = {
  readonly [K in keyof T & string]?: DocumentFilterValue | DocumentFilterOperators;
} & { readonly [field: string]: DocumentFilterValue | DocumentFilterOperators | undefined };

export interface DocumentSort {
  readonly field: string;
  readonly direction: 1 | -1;
}

export interface DocumentFindOptions {
  /** Ties (and the whole order when absent) are broken by `_id` ascending, on every engine. */
  readonly sort?: DocumentSort;
  /** A positive integer. */
  readonly limit?: number;
}

export interface DocumentCollectionOptions {
  /** Top-level fields queried often; each gets an index (created if missing, never dropped). */
  readonly indexes?: readonly string[];
}

/** What `insertMany` did: each document was either written or is named as a duplicate. */
export interface InsertManyResult {
  /** Documents written, each with revision 1. */
  readonly inserted: number;
  /** `_id`s already taken (in the collection, or earlier in the same batch), in batch order: not written. */
  readonly duplicateIds: readonly string[];
}

export interface DocumentCollection<T extends StoredDocument> {
  /** Stores a new document with revision 1; rejects with DuplicateDocumentError on an existing `_id`. */
  insert(doc: T): Promise<T>;
  /**
   * Stores many new documents in one round trip (SQLite: one transaction; MongoDB: one
   * unordered bulk insert), for write-heavy logs. Every document is checked first: one that
   * is not JSON data rejects the call with InvalidDocumentError naming `docs[i].field`, and
   * nothing is written. A taken `_id` does not fail the others: it is reported in
   * `duplicateIds` and the first document with it stays as it was.
   */
  insertMany(docs: readonly T[]): Promise<InsertManyResult>;
  get(id: string): Promise<T | null>;
  find(filter?: DocumentFilter<T>, options?: DocumentFindOptions): Promise<T[]>;
  count(filter?: DocumentFilter<T>): Promise<number>;
  /**
   * Compare-and-set: replaces the document with `doc._id` only if its stored revision equals
   * `expectedRevision`, and returns it with the next revision; returns null if the document is
   * gone or another writer got there first. This is what makes registry promotions atomic.
   */
  replaceIf(doc: T, expectedRevision: number): Promise<T | null>;
  deleteMany(filter: DocumentFilter<T>): Promise<number>;
}

export interface DocumentStore {
  /** A handle on a collection, created on first use. `name`: a letter, then letters, digits, `_`. */
  collection<T extends StoredDocument>(
    name: string,
    options?: DocumentCollectionOptions,
  ): DocumentCollection<T>;
  /** Deletes every document, in every collection, whose top-level `user_id` equals userId; returns count. */
  eraseUser(userId: string): Promise<number>;
  close(): Promise<void>;
}
