import type { SqlSource } from '@hirelearn/store';
import { checkCompleteness } from './completeness';
import {
  type DataQualityReport,
  type QualityFinding,
  type QualityScope,
  sortFindings,
} from './finding';
import { parseInstant } from '@hirelearn/contract';
import { checkOutliers } from './outliers';
import { windowMeta } from './quality-queries';
import { checkReferentialIntegrity } from './referential';
import { DEFAULT_DATA_QUALITY_SETTINGS, type DataQualitySettings } from './settings';
import { checkTemporalConsistency } from './temporal';
import { checkVolume } from './volume';

/** The window of events to check: `since <= occurred_at < until`, each bound optional. */
export interface QualityWindow {
  /** ISO date or date-time; null or absent: from the first event. */
  readonly since?: string | null;
  /** ISO date or date-time, exclusive; null or absent: to the newest event. */
  readonly until?: string | null;
}

/**
 * Runs every data-quality check of spec 15.1 over the event store (SQL in DuckDB; only the
 * results come back), limited to the window `since <= occurred_at < until` (the window an
 * attribution run analyses, so the gate judges what is published). The outlier score looks
 * at events since `since`, or at the last `recent_days` without it. The report's "now" is the
 * newest event in the window, so the same store always gives the same report.
 */
export async function checkDataQuality(
  source: SqlSource,
  options: QualityWindow & { readonly settings?: DataQualitySettings } = {},
): Promise<DataQualityReport> {
  const settings = options.settings ?? DEFAULT_DATA_QUALITY_SETTINGS;
  const since = options.since ?? null;
  const until = options.until ?? null;
  const scope: QualityScope = {
    since: toTimestamp(since ?? '1970-01-01', 'since'),
    until: until === null ? 'infinity' : toTimestamp(until, 'until'),
  };
  if (until !== null && scope.since >= scope.until) {
    throw new RangeError(`since (${since ?? 'the first event'}) must be before until (${until})`);
  }
  const meta = await windowMeta(source, scope, settings.recent_days);
  if (meta === null) {
    return Object.freeze({
      status: 'empty_store',
      since,
      until,
      as_of: null,
      checked_events: 0,
      critical: 0,
      warnings: 0,
      acknowledged: 0,
      findings: [],
    });
  }
  const recentFrom = since ? scope.since : meta.recent_from;
  const findings: QualityFinding[] = [
    ...(await checkTemporalConsistency(source, scope, settings)),
    ...(await checkReferentialIntegrity(source, scope, settings, meta.as_of)),
    ...(await checkCompleteness(source, scope, settings)),
    ...(await checkVolume(source, scope, settings)),
    ...(await checkOutliers(source, recentFrom, scope.until, settings)),
  ];
  const sorted = sortFindings(findings);
  return Object.freeze({
    status: 'ok',
    since,
    until,
    as_of: meta.as_of,
    checked_events: meta.checked,
    critical: sorted.filter((f) => f.severity === 'critical').length,
    warnings: sorted.filter((f) => f.severity === 'warning').length,
    acknowledged: 0,
    findings: sorted,
  });
}

/** `2025-10-01` or `2025-10-01T09:00:00Z` → `2025-10-01 09:00:00` (UTC). */
function toTimestamp(value: string, field: string): string {
  return parseInstant(value, field).toISOString().slice(0, 19).replace('T', ' ');
}
