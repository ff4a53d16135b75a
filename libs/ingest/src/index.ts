/**
 * @hirelearn/ingest — event logs (NDJSON plain or gzipped, Parquet, folders, globs, stdin)
 * validated against the contract on worker threads and written in batches into the event store.
 * The public API only: what other projects import. Expanding inputs, classifying
 * batches and packing lines for the workers stay internal (specs import them by path).
 */

// One ingest run and what it reports.
export { ingest, type IngestReport } from './ingest';

// The limits a line must keep (`--max-line-bytes`), and the records of one input as the ingest
// reads them (the ingest bench's floor reads the same way).
export { DEFAULT_LINE_LIMITS, readInputLines } from './read-lines';

// Validation on worker threads (the CLI's and the bench's; in-thread validation is the default)
// and how many the CLI starts unless told.
export { defaultValidateThreads, workerValidator } from './validator-pool';
