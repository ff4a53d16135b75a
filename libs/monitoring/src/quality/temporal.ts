import type { SqlSource } from '@hirelearn/store';
import { exampleIds, type QualityFinding, type QualityRule, type QualityScope } from './finding';
import type { DataQualitySettings } from './settings';

/** An event that must not happen before an anchor event of the same application. */
interface OrderRule {
  readonly rule: QualityRule;
  readonly event_type: string;
  readonly anchor_type: string;
  readonly what: string;
}

const ORDER_RULES: readonly OrderRule[] = [
  {
    rule: 'status_before_creation',
    event_type: 'STATUS_CHANGED',
    anchor_type: 'APPLICATION_CREATED',
    what: 'status changes dated before their application was created',
  },
  {
    rule: 'status_before_submission',
    event_type: 'STATUS_CHANGED',
    anchor_type: 'APPLICATION_SUBMITTED',
    what: 'status changes dated before their application was submitted',
  },
  {
    rule: 'submitted_before_created',
    event_type: 'APPLICATION_SUBMITTED',
    anchor_type: 'APPLICATION_CREATED',
    what: 'submissions dated before their application was created',
  },
];

/**
 * Temporal consistency: an application's life runs CREATED → SUBMITTED → STATUS_CHANGED.
 * An event dated before its anchor means a producer's clock or ordering is wrong, and every
 * "days to response" built on it is too. Equal timestamps are allowed.
 */
export async function checkTemporalConsistency(
  source: SqlSource,
  scope: QualityScope,
  settings: DataQualitySettings,
): Promise<QualityFinding[]> {
  const findings: QualityFinding[] = [];
  for (const r of ORDER_RULES) {
    const [row] = await source.rows(
      `WITH anchor AS (
         SELECT application_id, min(occurred_at) AS at FROM raw_events
         WHERE event_type = $1 GROUP BY 1)
       SELECT count(*) AS checked,
         count(*) FILTER (WHERE e.occurred_at < a.at) AS bad,
         (list(e.event_id ORDER BY e.event_id) FILTER (WHERE e.occurred_at < a.at))[1:$4] AS examples
       FROM raw_events e JOIN anchor a USING (application_id)
       WHERE e.event_type = $2 AND e.occurred_at >= $3::TIMESTAMP AND e.occurred_at < $5::TIMESTAMP`,
      [r.anchor_type, r.event_type, scope.since, settings.max_examples, scope.until],
    );
    const bad = Number(row?.bad ?? 0);
    if (bad === 0) continue;
    const checked = Number(row.checked);
    const share = bad / checked;
    findings.push({
      severity: share > settings.critical_share ? 'critical' : 'warning',
      rule: r.rule,
      event_type: r.event_type,
      count: bad,
      examples: exampleIds(row.examples),
      message: `${bad} of ${checked} ${r.what} (${pct(share)})`,
    });
  }
  return findings;
}

export function pct(share: number): string {
  return `${(100 * share).toFixed(share < 0.001 ? 3 : 1)}%`;
}
