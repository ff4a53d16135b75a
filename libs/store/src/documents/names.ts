import { InvalidQueryError } from './errors';

/**
 * Collection and field names are restricted to identifiers so that they are safe, unquoted,
 * as SQLite table names and JSON paths (`$.field`) and as MongoDB collection and field names
 * (no `$`, no `.`). One rule for every engine keeps data portable between them.
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const COLLECTION = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** Throws unless `name` can name a collection on every engine. */
export function assertCollectionName(name: string): void {
  if (!COLLECTION.test(name)) {
    throw new InvalidQueryError(
      'collection',
      `'${name}' is not a valid collection name; use a letter followed by up to 62 letters, digits or '_'`,
    );
  }
}

/** Throws unless `field` is a top-level field name usable in filters, sorts and indexes. */
export function assertFieldName(field: string, path: string): void {
  if (!IDENTIFIER.test(field)) {
    throw new InvalidQueryError(
      path,
      `'${field}' is not a queryable field; only top-level fields named with letters, digits and '_' ` +
        '(not starting with a digit) can be filtered, sorted or indexed',
    );
  }
}
