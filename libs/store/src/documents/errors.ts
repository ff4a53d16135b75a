/**
 * The document store's errors. One base class so callers can catch "anything the store
 * refused" in one place; each subclass names the problem and how to fix it.
 */
export class DocumentStoreError extends Error {
  override readonly name: string = 'DocumentStoreError';
}

/** The store URL names no engine we support, or is malformed for the engine it names. */
export class UnsupportedUrlError extends DocumentStoreError {
  override readonly name = 'UnsupportedUrlError';
}

/** `insert` met an existing `_id`; callers that mean "update" should use `replaceIf`. */
export class DuplicateDocumentError extends DocumentStoreError {
  override readonly name = 'DuplicateDocumentError';
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(
      `document '${id}' already exists in collection '${collection}'; ` +
        'use replaceIf(doc, revision) to change it or choose another _id',
    );
  }
}

/** A document is not plain JSON data, so the engines would store it differently. */
export class InvalidDocumentError extends DocumentStoreError {
  override readonly name = 'InvalidDocumentError';
  constructor(
    /** Dotted path of the offending value, e.g. `metrics.auc`. */
    readonly path: string,
    rule: string,
  ) {
    super(`${path}: ${rule}`);
  }
}

/** A filter, sort, limit, collection or field name the store cannot express on every engine. */
export class InvalidQueryError extends DocumentStoreError {
  override readonly name = 'InvalidQueryError';
  constructor(
    /** Dotted path of the offending part, e.g. `filter.stage.$in` or `options.limit`. */
    readonly path: string,
    rule: string,
  ) {
    super(`${path}: ${rule}`);
  }
}
