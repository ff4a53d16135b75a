/**
 * Named queries over the event log that belong to no domain library: what the apps (the CLI)
 * need to read from the store itself, so that no app writes SQL.
 */
import { str, type SqlSource } from './sql-source';

/** Every user id an event names, once each, in id order. */
export async function knownUserIds(db: SqlSource): Promise<string[]> {
  const rows = await db.rows(
    'SELECT DISTINCT user_id FROM raw_events WHERE user_id IS NOT NULL ORDER BY user_id',
  );
  return rows.map((r) => str(r.user_id));
}
