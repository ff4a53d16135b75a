import { MongoDocumentStore } from './mongo-store';
import { SqliteDocumentStore } from './sqlite-store';
import { parseDocumentStoreUrl } from './store-url';
import type { DocumentStore } from './types';

/**
 * Opens the document store a URL names: `sqlite:///absolute/path.sqlite` or `sqlite::memory:`
 * (embedded, the default) or `mongodb://...` / `mongodb+srv://...` (production; the database
 * comes from the URL path, default `hirelearn`). Rejects with UnsupportedUrlError otherwise.
 * `readOnly` is for commands that only read: the embedded store then takes no write lock and
 * needs no write access (MongoDB's access is the server's business and is unchanged).
 */
export async function openDocumentStore(
  url: string,
  options: { readOnly?: boolean } = {},
): Promise<DocumentStore> {
  const location = parseDocumentStoreUrl(url);
  switch (location.engine) {
    case 'sqlite':
      return SqliteDocumentStore.open(location.filename, options);
    case 'mongodb':
      return MongoDocumentStore.open(location.url, location.database);
  }
}
