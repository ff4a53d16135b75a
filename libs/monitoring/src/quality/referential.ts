import type { SqlSource } from '@hirelearn/store';
import { exampleIds, type QualityFinding, type QualityScope } from './finding';
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

  const [pending] = await source.rows(
    `SELECT count(*) AS bad,
       (list(event_id ORDER BY occurred_at, event_id))[1:$3] AS examples,
       (SELECT count(*) FROM raw_events WHERE event_type = 'STATUS_CHANGED' AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP) AS stored
     FROM pending_events
     WHERE occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP - to_days($4::INTEGER)`,
    [scope.since, asOf, settings.max_examples, settings.pending_after_days],
  );
  const pendingBad = Number(pending?.bad ?? 0);
  if (pendingBad > 0) {
    const share = pendingBad / (pendingBad + Number(pending.stored));
    findings.push({
      severity: severity(share),
      rule: 'pending_status_changed',
      event_type: 'STATUS_CHANGED',
      count: pendingBad,
      examples: exampleIds(pending.examples),
      message: `${pendingBad} status changes still wait for their application more than ${settings.pending_after_days} days later (${pct(share)} of status changes)`,
    });
  }

  for (const eventType of ['APPLICATION_CREATED', 'APPLICATION_SUBMITTED']) {
    const [row] = await source.rows(
      `WITH known AS (
         SELECT DISTINCT payload->>'$.resume_version_id' AS rv FROM raw_events
         WHERE event_type IN ('RESUME_SNAPSHOT', 'RESUME_REWRITTEN', 'SCORE_CHANGED'))
       SELECT count(*) AS checked, count(*) FILTER (WHERE k.rv IS NULL) AS bad,
         (list(e.event_id ORDER BY e.event_id) FILTER (WHERE k.rv IS NULL))[1:$3] AS examples
       FROM raw_events e LEFT JOIN known k ON k.rv = (e.payload->>'$.resume_version_id')
       WHERE e.event_type = $1 AND e.occurred_at >= $2::TIMESTAMP AND e.occurred_at < $4::TIMESTAMP`,
      [eventType, scope.since, settings.max_examples, scope.until],
    );
    const bad = Number(row?.bad ?? 0);
    if (bad === 0) continue;
    const share = bad / Number(row.checked);
    findings.push({
      severity: severity(share),
      rule: 'unknown_resume_version',
      event_type: eventType,
      count: bad,
      examples: exampleIds(row.examples),
      message: `${bad} of ${row.checked} applications name a resume version no resume event describes (${pct(share)})`,
    });
  }

  const [orphan] = await source.rows(
    `WITH created AS (SELECT DISTINCT application_id FROM raw_events WHERE event_type = 'APPLICATION_CREATED')
     SELECT count(*) AS checked, count(*) FILTER (WHERE c.application_id IS NULL) AS bad,
       (list(e.event_id ORDER BY e.event_id) FILTER (WHERE c.application_id IS NULL))[1:$2] AS examples
     FROM raw_events e LEFT JOIN created c USING (application_id)
     WHERE e.event_type = 'APPLICATION_SUBMITTED' AND e.occurred_at >= $1::TIMESTAMP AND e.occurred_at < $3::TIMESTAMP`,
    [scope.since, settings.max_examples, scope.until],
  );
  const orphanBad = Number(orphan?.bad ?? 0);
  if (orphanBad > 0) {
    const share = orphanBad / Number(orphan.checked);
    findings.push({
      severity: severity(share),
      rule: 'submitted_without_created',
      event_type: 'APPLICATION_SUBMITTED',
      count: orphanBad,
      examples: exampleIds(orphan.examples),
      message: `${orphanBad} of ${orphan.checked} submissions belong to an application never created (${pct(share)})`,
    });
  }
  return findings;
}
