import { parseInstant } from '@hirelearn/contract';

/**
 * The window of the data a run analyses: the applications submitted in [since, until), with
 * their outcomes as known before `until` (what a run made at `until` would have seen), so a
 * run can leave out a stretch of broken data or be replayed as of a past night. History
 * before `since` still serves as pre-treatment covariates (a user's earlier applications and
 * interviews). Both bounds are optional: YYYY-MM-DD (00:00 UTC) or an ISO date-time.
 */
export interface AnalysisWindow {
  readonly since?: string | null;
  readonly until?: string | null;
}

/**
 * The facts' `reached_interview` (an interview or an offer) as of the window's end: `until`
 * names the query parameter holding it (`$3`: a placeholder we generate, never data).
 */
export function reachedInterviewBefore(until: string): string {
  return `coalesce(interview_at < ${until}::TIMESTAMP OR offer_at < ${until}::TIMESTAMP, false)`;
}

/**
 * The window's bounds as query parameters, [since, until]: `YYYY-MM-DD HH:MM:SS` UTC,
 * `-infinity` / `infinity` where the window is open.
 */
export function windowBounds(window: AnalysisWindow = {}): [string, string] {
  const at = (value: string, field: string) =>
    parseInstant(value, field).toISOString().slice(0, 19).replace('T', ' ');
  const since = window.since == null ? null : at(window.since, 'since');
  const until = window.until == null ? null : at(window.until, 'until');
  if (since !== null && until !== null && since >= until) {
    throw new RangeError(`since (${window.since}) must be before until (${window.until})`);
  }
  return [since ?? '-infinity', until ?? 'infinity'];
}
