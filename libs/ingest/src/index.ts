export * from './ingest';
export * from './input-files';
