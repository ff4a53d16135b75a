import type { SqlSource } from '@hirelearn/store';
import type { QualityFinding, QualityScope } from './finding';
import {
  pendingStatusChanges,
  submittedWithoutCreated,
  unknownResumeVersions,
} from './quality-queries';
import type { DataQualitySettings } from './settings';
import { pct } from './temporal';

/**
 * Referential integrity: every reference an event makes must resolve. A STATUS_CHANGED whose
 * application never arrived waits in `pending_events` (ingest holds it); one still waiting
 * `pending_after_days` later is a producer losing APPLICATION_CREATED events. Applications
 * naming a resume version no resume event ever described cannot be linked to their resume,
 * and submissions without a creation miss their context history.
 */
export async function checkReferentialIntegrity(
  source: SqlSource,
  scope: QualityScope,
  settings: DataQualitySettings,
  asOf: string,
): Promise<QualityFinding[]> {
  const findings: QualityFinding[] = [];
  const severity = (share: number) => (share > settings.critical_share ? 'critical' : 'warning');

  const pending = await pendingStatusChanges(
    source,
    scope,
    asOf,
    settings.pending_after_days,
    settings.max_examples,
  );
  if (pending.bad > 0) {
    const share = pending.bad / (pending.bad + pending.checked);
    findings.push({
      severity: severity(share),
      rule: 'pending_status_changed',
      event_type: 'STATUS_CHANGED',
      count: pending.bad,
      examples: pending.examples,
      message: `${pending.bad} status changes still wait for their application more than ${settings.pending_after_days} days later (${pct(share)} of status changes)`,
    });
  }

  for (const eventType of ['APPLICATION_CREATED', 'APPLICATION_SUBMITTED']) {
    const row = await unknownResumeVersions(source, eventType, scope, settings.max_examples);
    if (row.bad === 0) continue;
    const share = row.bad / row.checked;
    findings.push({
      severity: severity(share),
      rule: 'unknown_resume_version',
      event_type: eventType,
      count: row.bad,
      examples: row.examples,
      message: `${row.bad} of ${row.checked} applications name a resume version no resume event describes (${pct(share)})`,
    });
  }

  const orphan = await submittedWithoutCreated(source, scope, settings.max_examples);
  if (orphan.bad > 0) {
    const share = orphan.bad / orphan.checked;
    findings.push({
      severity: severity(share),
      rule: 'submitted_without_created',
      event_type: 'APPLICATION_SUBMITTED',
      count: orphan.bad,
      examples: orphan.examples,
      message: `${orphan.bad} of ${orphan.checked} submissions belong to an application never created (${pct(share)})`,
    });
  }
  return findings;
}
