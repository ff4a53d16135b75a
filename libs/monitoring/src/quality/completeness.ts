import type { SqlSource } from '@hirelearn/store';
import type { QualityFinding, QualityScope } from './finding';
import { captureCounts, missingField } from './quality-queries';
import type { DataQualitySettings } from './settings';
import { pct } from './temporal';

/**
 * Capture and completeness against the spec's targets (capture > 99%, completeness > 95%).
 * Capture is the share of received events of a type that were stored rather than
 * quarantined: below target, the engine is learning from a biased sample, so it is critical.
 * Completeness is the share of stored events carrying an optional field the engine learns
 * from; below target the estimates that need it lose power, a warning.
 */
export async function checkCompleteness(
  source: SqlSource,
  scope: QualityScope,
  settings: DataQualitySettings,
): Promise<QualityFinding[]> {
  const findings: QualityFinding[] = [];
  for (const row of await captureCounts(source, scope, settings.max_examples)) {
    const rate = row.stored / (row.stored + row.quarantined);
    if (rate >= settings.capture_target) continue;
    const what = row.event_type === '*' ? 'all' : row.event_type;
    findings.push({
      severity: 'critical',
      rule: 'capture_below_target',
      event_type: row.event_type,
      count: row.quarantined,
      examples: row.examples,
      message: `${pct(rate)} of ${what} events captured (${row.quarantined} quarantined); target > ${pct(settings.capture_target)}`,
    });
  }

  for (const field of settings.completeness_fields) {
    const row = await missingField(source, field, scope, settings.max_examples);
    if (row.checked === 0 || row.bad === 0) continue;
    const rate = 1 - row.bad / row.checked;
    if (rate >= settings.completeness_target) continue;
    findings.push({
      severity: 'warning',
      rule: 'completeness_below_target',
      event_type: field.event_type,
      count: row.bad,
      examples: row.examples,
      message: `${field.path} present in ${pct(rate)} of ${row.checked} ${field.event_type} events; target > ${pct(settings.completeness_target)}`,
    });
  }
  return findings;
}
