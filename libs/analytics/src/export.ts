import { scrubDeep, scrubText, suppressSmallCells } from '@hirelearn/safeguards';
import { marketInsights } from './market';
import { ALL_TIME, type Period } from './period';
import { userSegments } from './segments';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { resumePhraseCounts, type ResumePhrase } from './export-queries';
import { type SqlSource } from '@hirelearn/store';

/** One exported file: its name and its text. */
export interface ExportArtifact {
  readonly name: string;
  readonly text: string;
}

/**
 * The shared resume phrases, k-anonymous (a phrase only one person wrote, a contact line or a
 * named employer, never has k users behind it) and scrubbed of e-mails, phones and URLs.
 */
export async function resumePhrases(
  db: SqlSource,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<{
  readonly phrases: readonly ResumePhrase[];
  readonly k: number;
  readonly suppressed_cells: number;
}> {
  const rows = await resumePhraseCounts(db);
  const shown = suppressSmallCells(rows, (r) => r.user_count, settings.k);
  return Object.freeze({
    phrases: Object.freeze(
      shown.cells.map((r) => Object.freeze({ ...r, phrase: scrubText(r.phrase) })),
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
