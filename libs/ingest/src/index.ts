export * from './ingest';
export * from './input-files';
export * from './validator-pool';
