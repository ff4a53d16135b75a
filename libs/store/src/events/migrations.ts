import { randomBytes } from 'node:crypto';

/**
 * Versioned schema migrations of the event store. Append new versions; never edit an applied
 * one. Each runs in its own transaction with its row in `schema_migrations`.
 */
export const EVENT_STORE_MIGRATIONS: readonly {
  version: number;
  name: string;
  sql: () => string;
}[] = [
  {
    version: 1,
    name: 'event log, pending, quarantine, tombstones, ingest runs',
    sql: () => `
      CREATE TABLE store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
      INSERT INTO store_meta VALUES ('tombstone_salt', '${randomBytes(16).toString('hex')}');
      CREATE TABLE raw_events (
        event_id VARCHAR PRIMARY KEY,
        event_type VARCHAR NOT NULL,
        user_id VARCHAR,
        application_id VARCHAR,
        occurred_at TIMESTAMP NOT NULL,
        payload VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        line BIGINT NOT NULL
      );
      CREATE TABLE pending_events AS SELECT * FROM raw_events WITH NO DATA;
      CREATE TABLE known_applications (application_id VARCHAR PRIMARY KEY, user_id VARCHAR);
      CREATE TABLE quarantine (
        quarantine_id VARCHAR PRIMARY KEY,
        event_id VARCHAR,
        event_type VARCHAR,
        user_id VARCHAR,
        reason VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        message VARCHAR NOT NULL,
        raw BLOB NOT NULL,
        source VARCHAR NOT NULL,
        line BIGINT NOT NULL,
        quarantined_at TIMESTAMP NOT NULL
      );
      CREATE TABLE tombstones (user_hash VARCHAR PRIMARY KEY, erased_at TIMESTAMP NOT NULL);
      CREATE TABLE ingest_runs (
        run_id VARCHAR PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        status VARCHAR NOT NULL,
        sources VARCHAR NOT NULL,
        report VARCHAR
      );
    `,
  },
  {
    version: 2,
    // Every batch paid for the primary-key index on `event_id`: inserting into it, writing it
    // at each commit and checkpoint, and copying it when an erasure rewrites the file. The
    // write path (`EventStore.writeBatch`) already sets aside every event_id stored or
    // pending before it inserts, and one writer holds the file, so the index checked nothing
    // the write path does not.
    name: 'raw_events without the index on event_id (the write path keeps it unique)',
    sql: () => `
      CREATE TABLE raw_events_unindexed (
        event_id VARCHAR NOT NULL,
        event_type VARCHAR NOT NULL,
        user_id VARCHAR,
        application_id VARCHAR,
        occurred_at TIMESTAMP NOT NULL,
        payload VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        line BIGINT NOT NULL
      );
      INSERT INTO raw_events_unindexed SELECT * FROM raw_events;
      DROP TABLE raw_events;
      ALTER TABLE raw_events_unindexed RENAME TO raw_events;
    `,
  },
  {
    version: 3,
    // The primary key on `application_id` cost each batch its index insert (INSERT OR IGNORE
    // checked every created application against it: 80-90 ms of the bench world's 8 batches,
    // 30 without it) and the erasure's copy its rebuild. The write path
    // (`EventStore.writeBatch`) inserts only applications not known yet, once each, and one
    // writer holds the file, as for migration 2.
    name: 'known_applications without the index on application_id (the write path keeps it unique)',
    sql: () => `
      CREATE TABLE known_applications_unindexed (application_id VARCHAR NOT NULL, user_id VARCHAR);
      INSERT INTO known_applications_unindexed SELECT * FROM known_applications;
      DROP TABLE known_applications;
      ALTER TABLE known_applications_unindexed RENAME TO known_applications;
    `,
  },
];
