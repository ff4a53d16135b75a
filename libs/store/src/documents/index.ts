export * from './types';
export * from './errors';
export { openDocumentStore } from './open-document-store';
export { insertOnce } from './insert-once';
export { parseDocumentStoreUrl, DEFAULT_MONGODB_DATABASE } from './store-url';
export type { DocumentStoreLocation } from './store-url';
