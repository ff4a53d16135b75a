import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DocumentStoreError, DuplicateDocumentError } from './errors';
import { assertJsonDocument, assertJsonDocuments, bodyOf } from './json-document';
import { assertCollectionName, assertFieldName } from './names';
import { normalizeFilter, normalizeFindOptions } from './query';
import { migrate } from './sqlite-migrations';
import { indexExpression, orderByClause, whereClause } from './sqlite-query';
import type {
  DocumentCollectionOptions,
  DocumentCollection,
  DocumentStore,
  DocumentFilter,
  DocumentFindOptions,
  InsertManyResult,
  StoredDocument,
} from './types';

/** How long a writer waits for another connection's write lock before failing. */
const BUSY_TIMEOUT_MS = 10_000;

interface Row {
  readonly id: string;
  readonly doc: string;
  readonly revision: number;
}

/**
 * The embedded engine: one SQLite file (WAL, so readers never block the writer), one table
 * per collection. better-sqlite3 is synchronous; the async methods only fit the shared
 * contract, and the atomicity of compare-and-set comes from SQLite's single-writer lock.
 * Every transaction that writes begins IMMEDIATE: a deferred one that reads first and then
 * writes cannot wait for the lock (SQLite answers "database is locked" at once, without the
 * busy timeout) when another process committed in between.
 */
export class SqliteDocumentStore implements DocumentStore {
  private readonly collections = new Map<string, SqliteCollection<StoredDocument>>();

  private constructor(
    private readonly db: Database.Database,
    private readonly filename: string,
    private readonly readOnly = false,
  ) {}

  /**
   * Opens (creating if needed) the file and brings its schema up to date. With `readOnly`,
   * for commands that only read: see `openReadOnly`.
   */
  static open(filename: string, options: { readOnly?: boolean } = {}): SqliteDocumentStore {
    if (options.readOnly) return SqliteDocumentStore.openReadOnly(filename);
    let db: Database.Database;
    try {
      if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
      db = new Database(filename, { timeout: BUSY_TIMEOUT_MS });
    } catch (error) {
      throw new DocumentStoreError(
        `cannot open SQLite document store '${filename}': ${(error as Error).message}; ` +
          'check that the path is writable',
        { cause: error },
      );
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Deleted and replaced documents are overwritten with zeros, not left in free space
      // where the bytes of an erased user could be read back from the file.
      db.pragma('secure_delete = ON');
      migrate(db, filename);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteDocumentStore(db, filename);
  }

  /**
   * Opens without ever taking the write lock or writing: a store whose file or folder cannot
   * be written, or whose lock a writer holds, can still be read (WAL readers never wait).
   * Nothing is created: a file or a collection not written yet reads as empty (an empty
   * temporary table stands in for it), and every write is refused.
   */
  private static openReadOnly(filename: string): SqliteDocumentStore {
    try {
      const db =
        filename !== ':memory:' && existsSync(filename)
          ? new Database(filename, {
              readonly: true,
              fileMustExist: true,
              timeout: BUSY_TIMEOUT_MS,
            })
          : new Database(':memory:');
      return new SqliteDocumentStore(db, filename, true);
    } catch (error) {
      throw new DocumentStoreError(
        `cannot open SQLite document store '${filename}' for reading: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  collection<T extends StoredDocument>(
    name: string,
    options: DocumentCollectionOptions = {},
  ): DocumentCollection<T> {
    this.assertOpen();
    assertCollectionName(name);
    const indexes = options.indexes ?? [];
    indexes.forEach((field, i) => assertFieldName(field, `options.indexes[${i}]`));
    let collection = this.collections.get(name);
    const missing = indexes.filter((field) => field !== '_id' && !collection?.indexes.has(field));
    if (collection !== undefined && missing.length === 0) {
      return collection as unknown as DocumentCollection<T>;
    }
    const table = tableName(name);
    if (this.readOnly) {
      collection ??= this.readOnlyCollection(name);
      return collection as unknown as DocumentCollection<T>;
    }
    // DDL takes the write lock, so it runs only the first time a handle or an index is asked for.
    this.db
      .transaction(() => {
        this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
        id TEXT PRIMARY KEY,
        doc TEXT NOT NULL CHECK (json_valid(doc)),
        revision INTEGER NOT NULL CHECK (revision >= 1)
      ) STRICT`);
        this.db
          .prepare('INSERT OR IGNORE INTO document_collections (name, created_at) VALUES (?, ?)')
          .run(name, new Date().toISOString());
        for (const field of missing) {
          const column = field === 'revision' ? 'revision' : indexExpression(field);
          this.db.exec(`CREATE INDEX IF NOT EXISTS "ix_${name}__${field}" ON ${table} (${column})`);
        }
      })
      .immediate();
    if (collection === undefined) {
      collection = new SqliteCollection(this.db, name);
      this.collections.set(name, collection);
    }
    missing.forEach((field) => collection.indexes.add(field));
    return collection as unknown as DocumentCollection<T>;
  }

  /**
   * One transaction over every registered collection: erasure is all or nothing. Then the
   * WAL, which still holds every earlier version of the pages (the user's documents among
   * them) even after a checkpoint, is checkpointed and truncated to zero bytes.
   */
  async eraseUser(userId: string): Promise<number> {
    this.assertOpen();
    if (this.readOnly) throw readOnlyError(this.filename);
    if (typeof userId !== 'string' || userId === '') {
      throw new DocumentStoreError('eraseUser: userId must be a non-empty string');
    }
    const where = whereClause(normalizeFilter({ user_id: userId }));
    const erased = this.db
      .transaction(() => {
        const names = this.db
          .prepare('SELECT name FROM document_collections ORDER BY name')
          .pluck()
          .all() as string[];
        let erased = 0;
        for (const name of names) {
          erased += this.db
            .prepare(`DELETE FROM ${tableName(name)} ${where.sql}`)
            .run(...where.params).changes;
        }
        return erased;
      })
      .immediate();
    this.truncateWal();
    return erased;
  }

  /** Waits (busy timeout) for readers to leave the WAL, then empties it; fails loudly if it cannot. */
  private truncateWal(): void {
    if (this.filename === ':memory:') return;
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result.busy !== 0) {
      throw new DocumentStoreError(
        `the erased documents are deleted, but the WAL of '${this.filename}' could not be emptied ` +
          'while another connection was reading; it still holds their bytes: run the erasure again',
      );
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private readOnlyCollection(name: string): SqliteCollection<StoredDocument> {
    const stored = this.db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .get(`docs_${name}`);
    if (stored === undefined)
      this.db.exec(
        `CREATE TEMP TABLE ${tableName(name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, revision INTEGER NOT NULL)`,
      );
    const collection = new SqliteCollection(this.db, name, this.filename, true);
    this.collections.set(name, collection);
    return collection;
  }

  private assertOpen(): void {
    if (!this.db.open) {
      throw new DocumentStoreError(
        `SQLite document store '${this.filename}' is closed; open a new one with openDocumentStore`,
      );
    }
  }
}

/** Prefixed so collection tables never collide with the store's own tables. */
function tableName(collection: string): string {
  return `"docs_${collection}"`;
}

class SqliteCollection<T extends StoredDocument> implements DocumentCollection<T> {
  /** Fields known to be indexed, so repeated `collection()` calls skip the DDL. */
  readonly indexes = new Set<string>();
  private readonly table: string;
  private readonly insertRow: Database.Statement<[string, string]>;
  private readonly getRow: Database.Statement<[string], Row>;
  private readonly replaceRow: Database.Statement<[string, string, number]>;

  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
    private readonly filename = '',
    private readonly readOnly = false,
  ) {
    this.table = tableName(name);
    this.insertRow = db.prepare(`INSERT INTO ${this.table} (id, doc, revision) VALUES (?, ?, 1)`);
    this.getRow = db.prepare(`SELECT id, doc, revision FROM ${this.table} WHERE id = ?`);
    this.replaceRow = db.prepare(
      `UPDATE ${this.table} SET doc = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
    );
  }

  private assertWritable(): void {
    if (this.readOnly) throw readOnlyError(this.filename);
  }

  async insert(doc: T): Promise<T> {
    this.assertWritable();
    assertJsonDocument(doc);
    try {
      this.insertRow.run(doc._id, JSON.stringify(bodyOf(doc)));
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new DuplicateDocumentError(this.name, doc._id);
      }
      throw error;
    }
    return { ...doc, revision: 1 };
  }

  /**
   * One prepared statement run per document inside one transaction (one fsync, one lock).
   * A primary-key conflict aborts only its own statement, so the others are still written.
   */
  async insertMany(docs: readonly T[]): Promise<InsertManyResult> {
    this.assertWritable();
    assertJsonDocuments(docs);
    const duplicateIds: string[] = [];
    this.db
      .transaction(() => {
        for (const doc of docs) {
          try {
            this.insertRow.run(doc._id, JSON.stringify(bodyOf(doc)));
          } catch (error) {
            if (sqliteCode(error) !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
            duplicateIds.push(doc._id);
          }
        }
      })
      .immediate();
    return { inserted: docs.length - duplicateIds.length, duplicateIds };
  }

  async get(id: string): Promise<T | null> {
    const row = this.getRow.get(id);
    return row === undefined ? null : fromRow<T>(row);
  }

  async find(filter?: DocumentFilter<T>, options?: DocumentFindOptions): Promise<T[]> {
    const where = whereClause(normalizeFilter(filter));
    const { sort, limit } = normalizeFindOptions(options);
    const sql =
      `SELECT id, doc, revision FROM ${this.table} ${where.sql} ${orderByClause(sort)}` +
      (limit === undefined ? '' : ` LIMIT ${limit}`);
    const rows = this.db.prepare<unknown[], Row>(sql).all(...where.params);
    return rows.map((row) => fromRow<T>(row));
  }

  async count(filter?: DocumentFilter<T>): Promise<number> {
    const where = whereClause(normalizeFilter(filter));
    return this.db
      .prepare<unknown[], number>(`SELECT count(*) FROM ${this.table} ${where.sql}`)
      .pluck()
      .get(...where.params) as number;
  }

  /** One UPDATE guarded by the revision: SQLite's write lock makes it atomic across processes. */
  async replaceIf(doc: T, expectedRevision: number): Promise<T | null> {
    this.assertWritable();
    assertJsonDocument(doc);
    const { changes } = this.replaceRow.run(JSON.stringify(bodyOf(doc)), doc._id, expectedRevision);
    return changes === 1 ? { ...doc, revision: expectedRevision + 1 } : null;
  }

  async deleteMany(filter: DocumentFilter<T>): Promise<number> {
    this.assertWritable();
    const where = whereClause(normalizeFilter(filter));
    return this.db.prepare(`DELETE FROM ${this.table} ${where.sql}`).run(...where.params).changes;
  }
}

function readOnlyError(filename: string): DocumentStoreError {
  return new DocumentStoreError(
    `SQLite document store '${filename}' was opened read-only; open it without readOnly to write`,
  );
}

function fromRow<T extends StoredDocument>(row: Row): T {
  return { _id: row.id, ...(JSON.parse(row.doc) as object), revision: row.revision } as T;
}

/**
 * The SQLite result code of an error. Read by property, not `instanceof SqliteError`: the
 * native addon keeps the error class of the first module instance that loaded it, so under
 * jest (one module registry per test file, one addon per process) `instanceof` can fail.
 */
function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
