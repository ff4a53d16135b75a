import * as path from 'node:path';

/** The embedded default: a DuckDB file under the working directory. */
export const DEFAULT_EVENT_DB = './.hirelearn/hirelearn.duckdb';

export type StoreLocation =
  | { readonly engine: 'duckdb'; readonly path: string }
  | { readonly engine: 'duckdb-memory' }
  | { readonly engine: 'mongodb'; readonly url: string };

/** Thrown for a store URL no engine accepts; the message lists the accepted forms. */
export class StoreUrlError extends Error {
  constructor(url: string) {
    super(
      `unsupported store URL '${url}': use duckdb:///absolute/path.duckdb (the embedded default, ` +
        `${DEFAULT_EVENT_DB}), duckdb::memory: or mongodb://host[:port]/database`,
    );
    this.name = 'StoreUrlError';
  }
}

/**
 * Reads a store URL (`--db` or `HIRELEARN_DB`). A bare file path is accepted as a DuckDB file,
 * relative to the working directory, so `--db ./x.duckdb` does what a person expects.
 */
export function parseStoreUrl(url: string | undefined): StoreLocation {
  const value = url?.trim() || DEFAULT_EVENT_DB;
  if (value === 'duckdb::memory:' || value === ':memory:') return { engine: 'duckdb-memory' };
  if (value.startsWith('duckdb://')) {
    const file = value.slice('duckdb://'.length);
    if (!file.startsWith('/')) throw new StoreUrlError(value);
    return { engine: 'duckdb', path: file };
  }
  if (value.startsWith('mongodb://') || value.startsWith('mongodb+srv://')) {
    return { engine: 'mongodb', url: value };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new StoreUrlError(value);
  return { engine: 'duckdb', path: path.resolve(value) };
}
