/** The named query of the fairness audit: outcomes by protected attribute and group. */
import { num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** One group of one protected attribute: its users and their applications' outcomes. */
export interface ProtectedGroupOutcomes {
  readonly attribute: string;
  readonly group: string;
  readonly user_count: number;
  readonly applications: number;
  readonly interviews: number;
  readonly offers: number;
}

/**
 * Per attribute and group (the user's latest declared value), applications pooled. Rates are
 * per application, so users with many applications weigh more and the Wilson interval is
 * narrower than a user-clustered one: the CI rule is a screen, not a test.
 */
const SQL = `
  WITH pa AS (
    SELECT DISTINCT ON (user_id) user_id, attributes FROM user_protected_attributes
    WHERE user_id NOT IN (${OPTED_OUT_USERS}) ORDER BY user_id, valid_from DESC),
  -- Each key with its value as json_each reads them: a key is never spelled into a JSON path,
  -- where a quote in it (keys come from events) ended the path and failed the query.
  kv AS (
    SELECT pa.user_id, j.key AS attribute, j.value ->> '$' AS grp
    FROM pa, json_each(pa.attributes) AS j)
  SELECT attribute, grp, count(DISTINCT kv.user_id)::INTEGER AS user_count, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE reached_interview)::INTEGER AS interviews,
    count(*) FILTER (WHERE reached_offer)::INTEGER AS offers
  FROM kv JOIN applications a ON a.user_id = kv.user_id
  WHERE grp IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * The outcomes of every protected attribute's groups, by attribute and group, over the
 * applications of users who declared them (opted-out users left out).
 */
export async function protectedGroupOutcomes(db: SqlSource): Promise<ProtectedGroupOutcomes[]> {
  const rows = await db.rows(SQL);
  return rows.map((r) => ({
    attribute: str(r.attribute),
    group: str(r.grp),
    user_count: num(r.user_count),
    applications: num(r.n),
    interviews: num(r.interviews),
    offers: num(r.offers),
  }));
}
