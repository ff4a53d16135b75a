/**
 * Users who may not be enrolled: anyone whose consent to personalization is off in any
 * profile, or who opted out of personalization (or of everything). Read from the `users`
 * facts; an opt-out is never undone by a later profile.
 */
import { num, str, type SqlSource } from '@hirelearn/store';

/** The ids of the users who may not be enrolled; none before the facts are built. */
export async function personalizationOptOuts(db: SqlSource): Promise<Set<string>> {
  const exists = await db.rows(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'users'`,
  );
  if (num(exists[0]?.n) === 0) return new Set();
  const rows = await db.rows(
    `SELECT DISTINCT user_id FROM users
     WHERE NOT consent_personalization OR opted_out_personalization_at IS NOT NULL`,
  );
  return new Set(rows.map((r) => str(r.user_id)));
}
