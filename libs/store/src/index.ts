/**
 * @hirelearn/store — the event store on DuckDB (the event log, its quarantine and facts) and
 * the document store for model metadata, predictions and experiments (SQLite or MongoDB).
 * The public API only: what other projects import. Migrations, the erasure rewrite, URL
 * parsing, transactions and the document stores' query translation stay internal (specs
 * import them by path).
 */

// The event store, where it lives and how much memory it takes.
export { EventStore, DEFAULT_DUCKDB_MEMORY } from './events/event-store';
export { DEFAULT_EVENT_DB } from './events/store-url';

// What the ingest writes: a batch of staged events and quarantine entries, and the facts.
export type { Batch, StagedEvent, QuarantineEntry } from './events/types';
export { DEFAULT_FACTS_SETTINGS, type FactsSettings } from './events/facts';

// Reading the event store: the read side data-access modules take, its shared fragments and
// row readers, and the named queries that belong to no domain.
export {
  OPTED_OUT_USERS,
  LATEST_PROFILE,
  num,
  numOrNull,
  str,
  type SqlSource,
} from './events/sql-source';
export { knownUserIds } from './events/store-queries';

// A CSV file read as typed columns (the causal estimate on any CSV).
export { readCsv, type CsvTable } from './events/csv-table';

// The document store: opening it by URL, its collections, writing once, watching by polling.
export { openDocumentStore } from './documents/open-document-store';
export type {
  DocumentStore,
  DocumentCollection,
  StoredDocument,
  DocumentFilter,
} from './documents/types';
export { DuplicateDocumentError } from './documents/errors';
export { insertOnce } from './documents/insert-once';
export { PolledWatch } from './documents/polled-watch';
