export * from './event-store';
export * from './facts';
export * from './store-url';
export * from './types';
export * from './rollback';
export * from './csv-table';
export * from './sql-source';
export * from './store-queries';
