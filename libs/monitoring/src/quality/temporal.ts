import type { SqlSource } from '@hirelearn/store';
import type { QualityFinding, QualityRule, QualityScope } from './finding';
import { eventsBeforeAnchor } from './quality-queries';
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
    const row = await eventsBeforeAnchor(
      source,
      r.event_type,
      r.anchor_type,
      scope,
      settings.max_examples,
    );
    if (row.bad === 0) continue;
    const share = row.bad / row.checked;
    findings.push({
      severity: share > settings.critical_share ? 'critical' : 'warning',
      rule: r.rule,
      event_type: r.event_type,
      count: row.bad,
      examples: row.examples,
      message: `${row.bad} of ${row.checked} ${r.what} (${pct(share)})`,
    });
  }
  return findings;
}

export function pct(share: number): string {
  return `${(100 * share).toFixed(share < 0.001 ? 3 : 1)}%`;
}
