import { scrubDeep, scrubText, suppressSmallCells } from '@hirelearn/safeguards';
import { marketInsights } from './market';
import { ALL_TIME, type Period } from './period';
import { userSegments } from './segments';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** One exported file: its name and its text. */
export interface ExportArtifact {
  readonly name: string;
  readonly text: string;
}

/** A resume phrase (skill or bullet) many users share, by the role they target. */
export interface ResumePhrase {
  readonly target_role: string;
  readonly kind: 'skill' | 'bullet';
  readonly phrase: string;
  readonly user_count: number;
}

/**
 * Phrases from each user's latest resume snapshot, grouped on the text so that a phrase only
 * one person wrote (a contact line, a named employer) never has k users behind it; what is
 * left is scrubbed of e-mails, phones and URLs before it leaves.
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

/** The shared resume phrases, k-anonymous and scrubbed. */
export async function resumePhrases(
  db: SqlSource,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<{
  readonly phrases: readonly ResumePhrase[];
  readonly k: number;
  readonly suppressed_cells: number;
}> {
  const rows = await db.rows(PHRASES_SQL);
  const shown = suppressSmallCells(rows, (r) => num(r.user_count), settings.k);
  return Object.freeze({
    phrases: Object.freeze(
      shown.cells.map((r) =>
        Object.freeze({
          target_role: str(r.target_role),
          kind: str(r.kind) as 'skill' | 'bullet',
          phrase: scrubText(str(r.phrase)),
          user_count: num(r.user_count),
        }),
      ),
    ),
    k: settings.k,
    suppressed_cells: shown.suppressed_cells,
  });
}

/**
 * Everything analytics exports across users: segments, the market view and shared resume
 * phrases. Protected attributes and the fairness audit are never exported.
 */
export async function exportArtifacts(
  db: SqlSource,
  period: Period = ALL_TIME,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<ExportArtifact[]> {
  const json = (v: unknown) => `${JSON.stringify(scrubDeep(v), null, 2)}\n`;
  return [
    { name: 'segments.json', text: json(await userSegments(db, undefined, settings)) },
    { name: 'market.json', text: json(await marketInsights(db, period, settings)) },
    { name: 'resume-phrases.json', text: json(await resumePhrases(db, settings)) },
  ];
}
