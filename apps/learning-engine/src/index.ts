export * from './ingest/ingest';
export * from './ingest/input-files';
