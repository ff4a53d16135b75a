import { checkCompleteness } from './completeness';
import {
  type DataQualityReport,
  type QualityFinding,
  type QualityScope,
  type SqlSource,
  sortFindings,
} from './finding';
import { checkOutliers } from './outliers';
import { checkReferentialIntegrity } from './referential';
import { DEFAULT_DATA_QUALITY_SETTINGS, type DataQualitySettings } from './settings';
import { checkTemporalConsistency } from './temporal';
import { checkVolume } from './volume';

const TS = '%Y-%m-%d %H:%M:%S';

/**
 * Runs every data-quality check of spec 15.1 over the event store (SQL in DuckDB; only the
 * results come back). `since` (ISO date or date-time) limits the checked events; the outlier
 * score looks at events since then, or at the last `recent_days` without it. The report's
 * "now" is the newest event, so the same store always gives the same report.
 */
export async function checkDataQuality(
  source: SqlSource,
  options: { readonly since?: string | null; readonly settings?: DataQualitySettings } = {},
): Promise<DataQualityReport> {
  const settings = options.settings ?? DEFAULT_DATA_QUALITY_SETTINGS;
  const since = options.since ?? null;
  const [meta] = await source.rows(
    `SELECT strftime(max(occurred_at), '${TS}') AS as_of,
       strftime(max(occurred_at) - to_days($1::INTEGER), '${TS}') AS recent_from,
       count(*) FILTER (WHERE occurred_at >= $2::TIMESTAMP) AS checked
     FROM raw_events`,
    [settings.recent_days, toTimestamp(since ?? '1970-01-01')],
  );
  const asOf = meta?.as_of == null ? null : String(meta.as_of);
  if (asOf === null) {
    return Object.freeze({
      status: 'empty_store',
      since,
      as_of: null,
      checked_events: 0,
      critical: 0,
      warnings: 0,
      findings: [],
    });
  }
  const scope: QualityScope = { since: toTimestamp(since ?? '1970-01-01') };
  const findings: QualityFinding[] = [
    ...(await checkTemporalConsistency(source, scope, settings)),
    ...(await checkReferentialIntegrity(source, scope, settings, asOf)),
    ...(await checkCompleteness(source, scope, settings)),
    ...(await checkVolume(source, scope, settings)),
    ...(await checkOutliers(source, since ? scope.since : String(meta.recent_from), settings)),
  ];
  const sorted = sortFindings(findings);
  return Object.freeze({
    status: 'ok',
    since,
    as_of: asOf,
    checked_events: Number(meta.checked),
    critical: sorted.filter((f) => f.severity === 'critical').length,
    warnings: sorted.filter((f) => f.severity === 'warning').length,
    findings: sorted,
  });
}

/** `2025-10-01` or `2025-10-01T09:00:00Z` → `2025-10-01 09:00:00` (UTC). */
function toTimestamp(value: string): string {
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${value}`);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
