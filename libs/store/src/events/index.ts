export * from './event-store';
export * from './facts';
export * from './store-url';
export { InterruptedRewriteError } from './interrupted-rewrite-error';
export * from './types';
export * from './rollback';
export * from './csv-table';
export * from './sql-source';
export * from './store-queries';
