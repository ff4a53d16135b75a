/** How bad a data-quality finding is: `critical` blocks the nightly run from publishing. */
export type FindingSeverity = 'info' | 'warning' | 'critical';

/** The stable codes of the data-quality rules (what `hirelearn quality ack` names). */
export const QUALITY_RULES = [
  'status_before_creation',
  'status_before_submission',
  'submitted_before_created',
  'pending_status_changed',
  'unknown_resume_version',
  'submitted_without_created',
  'capture_below_target',
  'completeness_below_target',
  'volume_anomaly',
  'outlier_score',
] as const;

export type QualityRule = (typeof QUALITY_RULES)[number];

/** An operator's acknowledgement as it applies to a finding (see `acknowledgements.ts`). */
export interface AppliedAcknowledgement {
  readonly id: string;
  readonly who: string;
  readonly why: string;
  /** ISO time the acknowledgement expires (exclusive). */
  readonly until: string;
}

/** One data-quality problem found in the event store (spec 15.1). */
export interface QualityFinding {
  readonly severity: FindingSeverity;
  /** Stable rule code, e.g. `status_before_creation`. */
  readonly rule: QualityRule;
  /** The event type the rule looked at (or `*` for the whole log). */
  readonly event_type: string;
  /** Events (or days, for volume rules) that broke the rule. */
  readonly count: number;
  /** Up to `max_examples` event ids a person can look up. */
  readonly examples: readonly string[];
  readonly message: string;
  /**
   * Set when an operator acknowledged this finding (`hirelearn quality ack`) and the
   * acknowledgement has not expired: it is still reported, but a critical one no longer
   * blocks publishing.
   */
  readonly acknowledged?: AppliedAcknowledgement;
}

/** What `checkDataQuality` found, worst first. */
export interface DataQualityReport {
  readonly status: 'ok' | 'empty_store';
  /** Lower bound of the checked events (ISO), null for the whole log. */
  readonly since: string | null;
  /** Upper bound (exclusive) of the checked events (ISO), null for the whole log. */
  readonly until: string | null;
  /** Newest event time in the store: the report's "now", so a replay gives the same report. */
  readonly as_of: string | null;
  readonly checked_events: number;
  /** Critical findings not acknowledged: what blocks publishing. */
  readonly critical: number;
  readonly warnings: number;
  /** Findings an unexpired acknowledgement covers (0 until acknowledgements are applied). */
  readonly acknowledged: number;
  readonly findings: readonly QualityFinding[];
}

/** The event window a check looks at: `since <= occurred_at < until`. */
export interface QualityScope {
  /** `YYYY-MM-DD HH:MM:SS` lower bound on `occurred_at`. */
  readonly since: string;
  /** `YYYY-MM-DD HH:MM:SS` upper bound (exclusive), or `infinity`. */
  readonly until: string;
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Worst first, then by rule and event type, so reports are stable. */
export function sortFindings(findings: readonly QualityFinding[]): QualityFinding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      a.event_type.localeCompare(b.event_type) ||
      a.message.localeCompare(b.message),
  );
}

/** DuckDB list → example ids (JSON arrays come back as arrays of strings). */
export function exampleIds(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
