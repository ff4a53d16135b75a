/**
 * Users who may not be enrolled: anyone whose consent to personalization is off in any
 * profile, or who opted out of personalization (or of everything). Read from the `users`
 * facts; an opt-out is never undone by a later profile.
 */
import type { EventStore } from '@hirelearn/store';

export async function personalizationOptOuts(store: EventStore): Promise<Set<string>> {
  const exists = await store.rows(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'users'`,
  );
  if (Number(exists[0]?.n ?? 0) === 0) return new Set();
  const rows = await store.rows(
    `SELECT DISTINCT user_id FROM users
     WHERE NOT consent_personalization OR opted_out_personalization_at IS NOT NULL`,
  );
  return new Set(rows.map((r) => String(r.user_id)));
}
