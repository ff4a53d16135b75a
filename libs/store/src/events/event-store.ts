import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { DuckDBConnection, DuckDBInstance, listValue, type DuckDBValue } from '@duckdb/node-api';
import { EVENT_STORE_MIGRATIONS } from './migrations';
import { FACT_TABLES, factsSql, type FactsSettings } from './facts';
import type { Batch, BatchOutcome, QuarantineRow, StagedEvent, StoreStatus } from './types';
import { parseStoreUrl, type StoreLocation } from './store-url';
import { withTransaction } from './rollback';
import { InterruptedRewriteError, isAccessError } from './interrupted-rewrite-error';

/** Batches land in temp tables first (appended in bulk), then move with set-based SQL. */
const STAGE_TABLES = `
  CREATE TEMP TABLE stage (event_id VARCHAR, event_type VARCHAR, user_id VARCHAR,
    application_id VARCHAR, occurred_ms BIGINT, payload VARCHAR, source VARCHAR, line BIGINT);
  CREATE TEMP TABLE q_stage (quarantine_id VARCHAR, event_id VARCHAR, event_type VARCHAR,
    user_id VARCHAR, reason VARCHAR, field VARCHAR, message VARCHAR, raw BLOB, source VARCHAR,
    line BIGINT, quarantined_ms BIGINT);`;

/** Stage rows in the column order of `raw_events`. */
const STAGED_EVENTS = `SELECT event_id, event_type, user_id, application_id,
  make_timestamp(occurred_ms * 1000) AS occurred_at, payload, md5(payload) AS content_hash,
  source, line FROM stage`;

/**
 * DuckDB's buffer pool when the app names none: bounded, so memory stays flat however large
 * the log grows.
 */
export const DEFAULT_DUCKDB_MEMORY = '1GB';

/** How `EventStore.open` opens the store. */
export interface EventStoreOpenOptions {
  /** Open an existing file for reading only (shared lock, no write access needed). */
  readonly readOnly?: boolean;
  /** DuckDB's memory_limit ('2GB'); the app reads it (HIRELEARN_DUCKDB_MEMORY) and passes it. */
  readonly memoryLimit?: string;
}

/**
 * The event log on DuckDB: append-only raw events unique on `event_id`, STATUS_CHANGED events
 * waiting for their application, quarantine, erasure tombstones, ingest runs and the facts.
 * Every batch is one transaction, which with idempotent writes makes a re-run after a crash
 * converge on exactly the clean result.
 */
export class EventStore {
  private constructor(
    // Replaced when an erasure rewrites the file (`rewriteFile`).
    private instance: DuckDBInstance,
    private connection: DuckDBConnection,
    private readonly salt: string,
    readonly location: string,
    private readonly memoryLimit: string,
  ) {}

  /**
   * Opens (creating if needed) the store a URL names, and applies pending migrations. With
   * `readOnly` it opens an existing file for reading only: no write access to the file or its
   * folder is needed, and DuckDB's shared lock lets any number of readers run at once (a
   * writer's lock excludes every other process, readers included).
   */
  static async open(url?: string, options: EventStoreOpenOptions = {}): Promise<EventStore> {
    const location = parseStoreUrl(url);
    const file = fileOf(location);
    const memory = options.memoryLimit ?? DEFAULT_DUCKDB_MEMORY;
    if (options.readOnly && file !== ':memory:') return EventStore.openReadOnly(file, memory);
    if (file !== ':memory:') {
      mkdirSync(path.dirname(file), { recursive: true });
      // A rewrite that completed before a crash takes the file's place before anything else.
      if (existsSync(rewrittenFile(file))) replaceWithRewrite(file);
    }
    const { instance, connection } = await connect(file, memory);
    const salt = await scalar(
      connection,
      `SELECT value FROM store_meta WHERE key = 'tombstone_salt'`,
    );
    const store = new EventStore(instance, connection, String(salt), file, memory);
    // An erasure whose rewrite did not finish (a crash) is completed before anything else.
    await store.rewriteIfErased();
    return store;
  }

  /**
   * A file not written yet reads as an empty store (in memory); one written by an older
   * version is opened for writing once, to migrate it.
   */
  private static async openReadOnly(file: string, memory: string): Promise<EventStore> {
    if (!existsSync(file)) return EventStore.open('duckdb::memory:', { memoryLimit: memory });
    // A rewrite left complete by a crash replaces the file first, which needs write access.
    if (existsSync(rewrittenFile(file))) return EventStore.open(file, { memoryLimit: memory });
    const instance = await DuckDBInstance.create(file, {
      access_mode: 'READ_ONLY',
      memory_limit: memory,
    });
    const connection = await instance.connect();
    let salt: unknown = null;
    try {
      const version = Number(
        await scalar(connection, 'SELECT coalesce(max(version), 0) FROM schema_migrations'),
      );
      if (version >= Math.max(...EVENT_STORE_MIGRATIONS.map((m) => m.version)))
        salt = await scalar(
          connection,
          `SELECT value FROM store_meta WHERE key = 'tombstone_salt'`,
        );
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
    if (salt !== null) return new EventStore(instance, connection, String(salt), file, memory);
    connection.closeSync();
    instance.closeSync();
    return EventStore.open(file, { memoryLimit: memory });
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /** The salted hash a tombstone keeps instead of the user id. */
  userHash(userId: string): string {
    return createHash('sha256').update(`${this.salt}:${userId}`).digest('hex');
  }

  async tombstoneHashes(): Promise<Set<string>> {
    const rows = await this.rows(`SELECT user_hash FROM tombstones`);
    return new Set(rows.map((r) => String(r.user_hash)));
  }

  /** Applies one batch atomically; see `BatchOutcome` for what each count means. */
  async writeBatch(batch: Batch): Promise<BatchOutcome> {
    refuseRepeatedIds(batch.events);
    const c = this.connection;
    // The stage is empty here: each batch empties it before its COMMIT, and a rollback
    // takes back whatever a failed batch appended (the appender writes in the transaction).
    return withTransaction(c, async () => {
      await this.append('stage', batch.events, STAGE_COLUMNS);
      const seen = await this.rows(`
        SELECT s.event_id, md5(s.payload) = coalesce(r.content_hash, p.content_hash) AS same
        FROM stage s
        LEFT JOIN (SELECT event_id, content_hash FROM raw_events) r USING (event_id)
        LEFT JOIN (SELECT event_id, content_hash FROM pending_events) p USING (event_id)
        WHERE r.event_id IS NOT NULL OR p.event_id IS NOT NULL`);
      const conflictIds = new Set(seen.filter((r) => !r.same).map((r) => String(r.event_id)));
      // Set aside by the ids just found, not by reading raw_events a second time.
      if (seen.length > 0)
        await c.run(`DELETE FROM stage WHERE event_id IN (SELECT unnest($1::VARCHAR[]))`, [
          listValue(seen.map((r) => String(r.event_id))),
        ]);
      const conflicts = batch.events
        .filter((e) => conflictIds.has(e.event_id))
        .map((e) => ({
          event_id: e.event_id,
          event_type: e.event_type,
          user_id: e.user_id,
          reason: 'duplicate_conflict',
          field: 'event_id',
          message: `event_id: '${e.event_id}' was already stored with different content; the first version is kept`,
          raw: Buffer.from(e.payload),
          source: e.source,
          line: e.line,
        }));
      // Applications not known yet, once each (migration 3); a NULL id is not set aside and
      // fails the batch on the NOT NULL column, as it failed on the primary key.
      // Counts are the statements' own (rowsChanged), not a count(*) before each. Statements
      // whose count is not needed share a round trip with the next: `run` executes a script
      // and reports its last statement's count.
      const orphan = `event_type = 'STATUS_CHANGED'
        AND application_id NOT IN (SELECT application_id FROM known_applications)`;
      const pendingAdded = (
        await c.run(`INSERT INTO known_applications
            SELECT application_id, any_value(user_id) FROM stage
            WHERE event_type = 'APPLICATION_CREATED'
              AND (application_id NOT IN (SELECT application_id FROM known_applications)) IS NOT FALSE
            GROUP BY application_id;
          INSERT INTO pending_events ${STAGED_EVENTS} WHERE ${orphan}`)
      ).rowsChanged;
      // Every staged row not pending (IS NOT TRUE: a row the orphan test leaves NULL is stored).
      const stored = (
        await c.run(`INSERT INTO raw_events ${STAGED_EVENTS} WHERE (${orphan}) IS NOT TRUE`)
      ).rowsChanged;
      const quarantined = await this.quarantine([...batch.quarantine, ...conflicts]);
      // Staged rows must not outlive their batch: an erasure would miss them. The release
      // deletes exactly the rows it copied (same condition, same transaction): its count.
      const ready = `FROM pending_events WHERE application_id IN (SELECT application_id FROM known_applications)`;
      const released = (
        await c.run(`DELETE FROM stage; DELETE FROM q_stage;
          INSERT INTO raw_events SELECT * ${ready}; DELETE ${ready}`)
      ).rowsChanged;
      await this.eraseWithin(batch.deletions);
      // The file is rewritten once, when the run finishes (`finishRun`), not per batch.
      return {
        stored: stored + released,
        duplicates: seen.length - conflictIds.size,
        conflicts: conflictIds.size,
        quarantined,
        pendingAdded,
        released,
        erasedUsers: batch.deletions.length,
      };
    });
  }

  /**
   * Erases every row of a user in every table, leaves a tombstone, then rewrites the file so
   * that the deleted bytes are gone from it too (`rewriteFile`).
   */
  async eraseUser(userId: string, atMs = Date.now()): Promise<{ rows_erased: number }> {
    const rows = await withTransaction(this.connection, () => this.eraseWithin([{ userId, atMs }]));
    await this.rewriteIfErased();
    return { rows_erased: rows };
  }

  /**
   * Erases the users' rows in every table and leaves their tombstones, in the open
   * transaction: one statement per table for all the users of a batch (a statement per user
   * and table scanned each table once per user). A user asked for twice keeps the first
   * request's time, as when the users were erased one after another.
   */
  private async eraseWithin(users: readonly { userId: string; atMs: number }[]): Promise<number> {
    if (users.length === 0) return 0;
    const firstAt = new Map<string, number>();
    for (const { userId, atMs } of users) if (!firstAt.has(userId)) firstAt.set(userId, atMs);
    const ofUsers = 'user_id IN (SELECT unnest($1::VARCHAR[]))';
    const deletes: [string, string][] = [
      ['raw_events', ofUsers],
      ['pending_events', ofUsers],
      ['known_applications', ofUsers],
      // Lines that could not be parsed name the user in a quoted string, perhaps the last,
      // unterminated one (the door's rule, `quotedStrings`). A BLOB cast to VARCHAR escapes
      // bytes (`"` becomes \x22, é becomes \xC3\xA9): the ids are escaped the same way.
      [
        'quarantine',
        `${ofUsers} OR list_has_any(string_split(raw::VARCHAR, '\\x22'),
          [encode(u)::VARCHAR FOR u IN $1::VARCHAR[]])`,
      ],
      ...FACT_TABLES.map((t): [string, string] => [t, ofUsers]),
    ];
    const ids = listValue([...firstAt.keys()]);
    let erased = 0;
    const tables = await this.tableNames();
    for (const [table, where] of deletes) {
      if (!tables.has(table)) continue;
      erased += (await this.connection.run(`DELETE FROM ${table} WHERE ${where}`, [ids]))
        .rowsChanged;
    }
    // The mark is committed with the deletions: a crash before the rewrite leaves it to do.
    // (Parameters bind to a script's last statement.)
    await this.connection.run(
      `INSERT OR REPLACE INTO store_meta VALUES ('${ERASED_BYTES}', 'pending');
       INSERT OR IGNORE INTO tombstones
         SELECT unnest($1::VARCHAR[]), make_timestamp(unnest($2::BIGINT[]) * 1000)`,
      [
        listValue([...firstAt.keys()].map((u) => this.userHash(u))),
        listValue([...firstAt.values()].map((at) => BigInt(Math.round(at)))),
      ],
    );
    return erased;
  }

  /**
   * Rewrites the file (`rewriteFile`) if an erasure since the last rewrite asks for it, or if
   * the store has tombstones and was never rewritten (erased by a version that only deleted).
   */
  private async rewriteIfErased(): Promise<void> {
    if (await this.erasedBytesPending()) await this.rewriteFile();
  }

  private async erasedBytesPending(): Promise<boolean> {
    const pending = await scalar(
      this.connection,
      `SELECT coalesce((SELECT value FROM store_meta WHERE key = '${ERASED_BYTES}'),
         CASE WHEN EXISTS (SELECT 1 FROM tombstones) THEN 'pending' END) = 'pending'`,
    );
    return pending === true;
  }

  /**
   * DuckDB leaves deleted rows in their blocks (and freed blocks as they were) until they are
   * overwritten, so after an erasure the file still held the user's bytes: `grep -a` found
   * quarantined lines word for word, and CHECKPOINT or VACUUM changed nothing. Copying every
   * table into a fresh file and renaming it over the old one leaves no block of the old file.
   *
   * The copy reads the open database (its WAL and memory included), so the old file needs no
   * CHECKPOINT first: a run with erasures writes its rows once, into the fresh file
   * (`finishRun`). The old file's WAL still holds the erased rows, and DuckDB would replay it
   * onto whatever file takes its name, so it is removed before the rename, and the old file
   * closes without its shutdown checkpoint. Crash-safe in this order: the fresh file is
   * complete when it is renamed to `*.rewritten`; from then on the next `open` finishes the
   * swap (`replaceWithRewrite`). The swap happens while this process still holds the old
   * file, so no other process can have opened it and write to it after it is replaced; then
   * the fresh file is opened.
   */
  private async rewriteFile(): Promise<void> {
    const c = this.connection;
    if (this.location === ':memory:') {
      await c.run(`INSERT OR REPLACE INTO store_meta VALUES ('${ERASED_BYTES}', 'rewritten')`);
      return;
    }
    const fresh = `${this.location}.rewrite`;
    rmSync(fresh, { force: true });
    rmSync(`${fresh}.wal`, { force: true });
    const name = String(await scalar(c, 'SELECT current_database()'));
    await c.run(`ATTACH ${sqlString(fresh)} AS hirelearn_rewrite`);
    try {
      // A commit over the threshold checkpoints instead of writing the WAL: the copy goes
      // straight into the fresh file, compressed, not first through its WAL uncompressed.
      // Only the fresh file is written while the threshold is this low.
      await c.run(`SET checkpoint_threshold = '${COPY_CHECKPOINT_THRESHOLD}'`);
      await c.run(`COPY FROM DATABASE ${sqlIdentifier(name)} TO hirelearn_rewrite`);
      await c.run(
        `INSERT OR REPLACE INTO hirelearn_rewrite.store_meta VALUES ('${ERASED_BYTES}', 'rewritten')`,
      );
      // Everything into the fresh file itself: only the file is renamed, not its WAL.
      await c.run('CHECKPOINT hirelearn_rewrite');
    } finally {
      await c.run(`SET checkpoint_threshold = '${CHECKPOINT_THRESHOLD}'`);
      await c.run('DETACH hirelearn_rewrite');
    }
    // The old file must not be written again: its rows are in the fresh file.
    await c.run('PRAGMA disable_checkpoint_on_shutdown');
    renameSync(fresh, rewrittenFile(this.location));
    replaceWithRewrite(this.location);
    this.connection.closeSync();
    this.instance.closeSync();
    ({ instance: this.instance, connection: this.connection } = await connect(
      this.location,
      this.memoryLimit,
    ));
  }

  private async quarantine(entries: Batch['quarantine']): Promise<number> {
    if (entries.length === 0) return 0;
    const now = Date.now();
    // q_stage is empty here, like the stage, and emptied with it (`writeBatch`).
    await this.append('q_stage', entries, [
      (q) => quarantineId(q.source, q.line, q.raw),
      (q) => q.event_id,
      (q) => q.event_type,
      (q) => q.user_id,
      (q) => q.reason,
      (q) => q.field,
      (q) => q.message,
      (q) => q.raw,
      (q) => q.source,
      (q) => q.line,
      () => now,
    ]);
    // Counts the rows inserted, not those ignored as already quarantined.
    const inserted = await this.connection.run(`INSERT OR IGNORE INTO quarantine
      SELECT DISTINCT ON (quarantine_id) quarantine_id, event_id, event_type, user_id, reason, field,
        message, raw, source, line, make_timestamp(quarantined_ms * 1000) FROM q_stage`);
    return inserted.rowsChanged;
  }

  /** Rebuilds the facts tables from the event log. */
  async rebuildFacts(settings: FactsSettings): Promise<Record<string, number>> {
    await withTransaction(this.connection, () => this.connection.run(factsSql(settings)));
    return this.factCounts();
  }

  async startRun(runId: string, sources: readonly string[]): Promise<void> {
    await this.connection.run(
      `UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'`,
    );
    await this.connection.run(
      `INSERT INTO ingest_runs VALUES ($1, now()::TIMESTAMP, NULL, 'running', $2, NULL)`,
      [runId, JSON.stringify(sources)],
    );
  }

  /** Ends a run as `completed`, or `completed_with_errors` when a source could not be read. */
  async finishRun(
    runId: string,
    report: unknown,
    status: 'completed' | 'completed_with_errors' = 'completed',
  ): Promise<void> {
    await this.connection.run(
      `UPDATE ingest_runs SET status = $3, finished_at = now()::TIMESTAMP, report = $2 WHERE run_id = $1`,
      [runId, JSON.stringify(report), status],
    );
    // After erasures the rewrite is the run's one write of the file; a CHECKPOINT before it
    // would write every row a second time.
    if (await this.erasedBytesPending()) await this.rewriteFile();
    else await this.connection.run('CHECKPOINT');
  }

  /**
   * Ends a run as `failed` with the error's message, and returns the error for the caller to
   * throw. When even that cannot be written (the disk is full) the run stays `running` until
   * the next run marks it `interrupted`; the original error is what matters and is kept.
   */
  async failRun(runId: string, error: unknown): Promise<unknown> {
    const message = error instanceof Error ? error.message : String(error);
    try {
      await this.connection.run(
        `UPDATE ingest_runs SET status = 'failed', finished_at = now()::TIMESTAMP, report = $2 WHERE run_id = $1`,
        [runId, JSON.stringify({ error: message })],
      );
    } catch {
      // Keep the original error: see above.
    }
    return error;
  }

  async pendingCount(): Promise<number> {
    return Number(await scalar(this.connection, 'SELECT count(*) FROM pending_events'));
  }

  async status(): Promise<StoreStatus> {
    const byType = await this.rows(
      `SELECT event_type, count(*) AS n FROM raw_events GROUP BY 1 ORDER BY 1`,
    );
    const range = (
      await this.rows(`SELECT min(occurred_at)::VARCHAR AS lo, max(occurred_at)::VARCHAR AS hi,
      count(DISTINCT user_id) AS users, count(*) AS n FROM raw_events`)
    )[0];
    const byReason = await this.rows(
      `SELECT reason, count(*) AS n FROM quarantine GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    const count = async (t: string) =>
      Number(await scalar(this.connection, `SELECT count(*) FROM ${t}`));
    return {
      events: Number(range.n),
      by_type: Object.fromEntries(byType.map((r) => [String(r.event_type), Number(r.n)])),
      first_event_at: range.lo === null ? null : `${String(range.lo).replace(' ', 'T')}Z`,
      last_event_at: range.hi === null ? null : `${String(range.hi).replace(' ', 'T')}Z`,
      users: Number(range.users),
      pending: await count('pending_events'),
      quarantined: await count('quarantine'),
      quarantine_by_reason: Object.fromEntries(
        byReason.map((r) => [String(r.reason), Number(r.n)]),
      ),
      tombstones: await count('tombstones'),
      ingest_runs: await count('ingest_runs'),
      facts: await this.factCounts(),
    };
  }

  async quarantineList(
    options: { reason?: string; limit?: number } = {},
  ): Promise<QuarantineRow[]> {
    const rows = await this.rows(
      `SELECT quarantine_id, event_id, event_type, user_id, reason, field, message, source, line,
              quarantined_at::VARCHAR AS quarantined_at
       FROM quarantine WHERE $1::VARCHAR IS NULL OR reason = $1 ORDER BY source, line LIMIT $2`,
      [options.reason ?? null, options.limit ?? 50],
    );
    return rows.map(toQuarantineRow);
  }

  /** One quarantined event by id (or unique id prefix), with its original bytes. */
  async quarantineShow(idOrPrefix: string): Promise<(QuarantineRow & { raw: Buffer }) | null> {
    const rows = await this.connection.runAndReadAll(
      `SELECT *, quarantined_at::VARCHAR AS quarantined_at FROM quarantine WHERE starts_with(quarantine_id, $1) LIMIT 2`,
      [idOrPrefix],
    );
    const found = rows.getRowObjects();
    if (found.length !== 1) return null;
    const raw = found[0].raw as unknown as { bytes: Uint8Array };
    return { ...toQuarantineRow(found[0]), raw: Buffer.from(raw.bytes) };
  }

  /**
   * Writes the quarantine as NDJSON to a file: `raw` holds the original bytes as text (null
   * when they are not UTF-8), `raw_base64` always holds them exactly. The path is a parameter:
   * a file name is never spelled into SQL.
   */
  async quarantineExport(file: string): Promise<number> {
    await this.connection.run(
      `COPY (SELECT quarantine_id, event_id, event_type, user_id, reason, field, message, source, line,
                    quarantined_at, try(decode(raw)) AS raw, base64(raw) AS raw_base64
                    FROM quarantine ORDER BY source, line)
       TO $1 (FORMAT json)`,
      [file],
    );
    return Number(await scalar(this.connection, 'SELECT count(*) FROM quarantine'));
  }

  /** Runs a read query (for analytics and tests); rows as plain JSON values. */
  async rows(sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  }

  private async factCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const tables = await this.tableNames();
    for (const t of FACT_TABLES) {
      if (tables.has(t))
        counts[t] = Number(await scalar(this.connection, `SELECT count(*) FROM ${t}`));
    }
    return counts;
  }

  /**
   * The store's tables (the facts exist once built). Read once per erasure or count: each
   * `duckdb_tables()` call costs about a millisecond and a table at a time cost an ingest with
   * 11 deletion requests 0.16 s of CPU.
   */
  private async tableNames(): Promise<Set<string>> {
    const rows = await this.rows(`SELECT table_name FROM duckdb_tables() WHERE NOT temporary`);
    return new Set(rows.map((r) => String(r.table_name)));
  }

  /**
   * Appends rows to a temp table, each column read from the row by its getter: an array per
   * row (what this took before) cost a batch of 20,000 events about 25 ms of CPU on the main
   * thread, allocating and collecting them.
   */
  private async append<T>(
    table: string,
    rows: readonly T[],
    columns: readonly ((row: T) => AppendedValue)[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.connection.createAppender(table, 'main', 'temp');
    for (const row of rows) {
      for (const column of columns) appendValue(appender, column(row));
      appender.endRow();
    }
    appender.closeSync();
  }
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

type AppendedValue = string | number | null | Uint8Array;

/** The stage's columns (`STAGE_TABLES`) from a staged event, in order. */
const STAGE_COLUMNS: readonly ((e: StagedEvent) => AppendedValue)[] = [
  (e) => e.event_id,
  (e) => e.event_type,
  (e) => e.user_id,
  (e) => e.application_id,
  (e) => e.occurredAtMs,
  (e) => e.payload,
  (e) => e.source,
  (e) => e.line,
];

function appendValue(appender: Appender, v: AppendedValue): void {
  if (v === null) appender.appendNull();
  else if (typeof v === 'string') appender.appendVarchar(v);
  else if (typeof v === 'number') appender.appendBigInt(BigInt(Math.round(v)));
  else appender.appendBlob(v);
}

/** The `store_meta` key of erased bytes: `pending` after an erasure, `rewritten` after the rewrite. */
const ERASED_BYTES = 'erased_bytes';

/** Where a complete rewrite of `file` waits for its swap (`EventStore.rewriteFile`). */
function rewrittenFile(file: string): string {
  return `${file}.rewritten`;
}

/**
 * Puts a complete rewrite in the file's place. The old WAL goes first: replayed onto the
 * rewrite it would bring the erased rows back. Safe to repeat after a crash at any step.
 * Without write access to the folder it throws `InterruptedRewriteError`, which says so.
 */
function replaceWithRewrite(file: string): void {
  try {
    rmSync(`${file}.wal`, { force: true });
    renameSync(rewrittenFile(file), file);
  } catch (error) {
    if (!isAccessError(error)) throw error;
    throw new InterruptedRewriteError(file, rewrittenFile(file), error);
  }
}

/** The WAL size past which DuckDB checkpoints by itself (see `connect`). */
const CHECKPOINT_THRESHOLD = '256MB';

/** During the rewrite's copy: any commit checkpoints at once (`rewriteFile`). */
const COPY_CHECKPOINT_THRESHOLD = '1B';

/**
 * Opens the file with the store's settings, applies pending migrations, makes the stage tables.
 * A bounded buffer pool keeps memory flat however large the log grows; DuckDB spills.
 * DuckDB checkpoints whenever the WAL passes 16 MB by default, and every checkpoint
 * rewrites the event_id index: an ingest of 200k events spent a third of its time in
 * COMMIT. A larger threshold, and one CHECKPOINT when a run finishes, write it once.
 */
async function connect(
  file: string,
  memoryLimit: string,
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(file, {
    memory_limit: memoryLimit,
    checkpoint_threshold: CHECKPOINT_THRESHOLD,
  });
  const connection = await instance.connect();
  await migrate(connection);
  await connection.run(STAGE_TABLES);
  return { instance, connection };
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function fileOf(location: StoreLocation): string {
  if (location.engine === 'duckdb') return location.path;
  if (location.engine === 'duckdb-memory') return ':memory:';
  throw new Error(
    `the event log runs on the embedded DuckDB engine; '${location.url}' is a MongoDB URL, which holds ` +
      `model metadata and predictions (documents). Pass --db duckdb:///path.duckdb for event commands.`,
  );
}

/**
 * A batch repeating an event_id is refused whole, as the primary key on `event_id` refused it
 * before migration 2: the door (`classifyLines`) settles repeats before a batch gets here.
 * Checked on the batch itself before anything is staged (a GROUP BY over the stage cost a
 * round trip and a scan per batch).
 */
function refuseRepeatedIds(events: readonly StagedEvent[]): void {
  const ids = new Set<string>();
  for (const { event_id: id } of events) {
    if (ids.has(id))
      throw new Error(
        `event_id: '${id}' appears more than once in one batch; a batch must hold each event once`,
      );
    ids.add(id);
  }
}

function quarantineId(source: string, line: number, raw: Uint8Array): string {
  return createHash('sha256').update(`${source}\n${line}\n`).update(raw).digest('hex');
}

async function scalar(
  c: DuckDBConnection,
  sql: string,
  params: DuckDBValue[] = [],
): Promise<unknown> {
  const reader = await c.runAndReadAll(sql, params);
  return reader.getRowsJson()[0]?.[0] ?? null;
}

async function migrate(c: DuckDBConnection): Promise<void> {
  await c.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)`,
  );
  const applied = Number(
    await scalar(c, 'SELECT coalesce(max(version), 0) FROM schema_migrations'),
  );
  for (const m of EVENT_STORE_MIGRATIONS.filter((m) => m.version > applied)) {
    await withTransaction(c, async () => {
      await c.run(m.sql());
      await c.run(`INSERT INTO schema_migrations VALUES ($1, $2, now()::TIMESTAMP)`, [
        m.version,
        m.name,
      ]);
    });
  }
}

function toQuarantineRow(r: Record<string, unknown>): QuarantineRow {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    quarantine_id: String(r.quarantine_id),
    event_id: s(r.event_id),
    event_type: s(r.event_type),
    user_id: s(r.user_id),
    reason: String(r.reason),
    field: String(r.field),
    message: String(r.message),
    source: String(r.source),
    line: Number(r.line),
    quarantined_at: String(r.quarantined_at),
  };
}
