export * from './ingest';
export * from './input-files';
export * from './validator-pool';
export { DEFAULT_LINE_LIMITS, type LineLimits } from './read-lines';
