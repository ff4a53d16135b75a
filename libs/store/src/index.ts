export * from './events';
export * from './documents';
