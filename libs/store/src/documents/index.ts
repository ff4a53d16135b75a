export * from './types';
export * from './errors';
export { openDocumentStore } from './open-document-store';
export { insertOnce } from './insert-once';
export { SerialCheck } from './serial-check';
export { PolledWatch } from './polled-watch';
export { parseDocumentStoreUrl, DEFAULT_MONGODB_DATABASE } from './store-url';
export type { DocumentStoreLocation } from './store-url';
