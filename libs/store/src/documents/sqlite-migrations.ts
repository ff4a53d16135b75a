import type BetterSqlite3 from 'better-sqlite3';
import { DocumentStoreError } from './errors';

/**
 * Versioned changes to the store's own tables. Collection tables are created on demand from
 * one template; the `document_collections` registry lists them, so that a later migration
 * can alter every collection table and `eraseUser` can find them all. Append only: never
 * edit or reorder a migration that has shipped.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'document_collections registry',
    sql: `CREATE TABLE document_collections (
      name TEXT PRIMARY KEY,
      created_at TEXT NOT NULL
    ) STRICT`,
  },
];

/** The schema version this code writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/**
 * Applies the migrations the database lacks, in order, and returns the schema version.
 * Runs under BEGIN IMMEDIATE so that two processes opening a new file at once apply each
 * migration exactly once; reopening an up-to-date database changes nothing.
 */
export function migrate(db: BetterSqlite3.Database, filename: string): number {
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const applied = new Set(
      db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
    );
    const newest = Math.max(0, ...applied);
    if (newest > SCHEMA_VERSION) {
      throw new DocumentStoreError(
        `document store '${filename}' has schema version ${newest}, newer than the ${SCHEMA_VERSION} ` +
          'this code understands; upgrade hirelearn or point it at another file',
      );
    }
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  apply.immediate();
  return SCHEMA_VERSION;
}
