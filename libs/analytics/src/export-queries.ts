/** The named query of what analytics exports beyond segments and the market: resume phrases. */
import { num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** A resume phrase (skill or bullet) many users share, by the role they target. */
export interface ResumePhrase {
  readonly target_role: string;
  readonly kind: 'skill' | 'bullet';
  readonly phrase: string;
  readonly user_count: number;
}

/**
 * Phrases from each user's latest resume snapshot, grouped on the text so that a phrase only
 * one person wrote (a contact line, a named employer) never has k users behind it.
 */
const PHRASES_SQL = `
  WITH latest AS (
    SELECT DISTINCT ON (user_id) user_id, payload FROM raw_events
    WHERE event_type = 'RESUME_SNAPSHOT' AND user_id NOT IN (${OPTED_OUT_USERS})
    ORDER BY user_id, occurred_at DESC),
  roles AS (SELECT user_id, unnest(target_roles) AS target_role FROM users WHERE valid_to IS NULL),
  phrases AS (
    SELECT user_id, 'skill' AS kind, unnest(json_extract_string(payload, '$.resume.skills[*]')) AS phrase FROM latest
    UNION ALL
    SELECT user_id, 'bullet', unnest(json_extract_string(payload, '$.resume.roles[*].bullets[*]')) FROM latest)
  SELECT target_role, kind, phrase, count(DISTINCT user_id)::INTEGER AS user_count
  FROM phrases JOIN roles USING (user_id) WHERE phrase IS NOT NULL
  GROUP BY ALL ORDER BY target_role, kind, user_count DESC, phrase`;

/**
 * Every skill and bullet of the sharing users' latest resumes, per target role, with the
 * number of users whose resume holds it (most shared first); unscrubbed, not yet k-anonymous.
 */
export async function resumePhraseCounts(db: SqlSource): Promise<ResumePhrase[]> {
  const rows = await db.rows(PHRASES_SQL);
  return rows.map((r) => ({
    target_role: str(r.target_role),
    kind: str(r.kind) as ResumePhrase['kind'],
    phrase: str(r.phrase),
    user_count: num(r.user_count),
  }));
}
