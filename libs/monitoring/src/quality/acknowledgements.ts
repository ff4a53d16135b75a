/**
 * Operators' acknowledgements of data-quality findings: "we know, we proceed", recorded with
 * who and why, and expiring. They live in the document store, beside the registry's stage
 * changes (the other who-and-why decisions operators make): the event store is the
 * contract's log of what users did (erased per user, rebuilt into facts, locked by one writer
 * while an ingest or an attribution runs), and an operator must be able to acknowledge while
 * the nightly holds it. Every value reaches the store as a document field, never as query text.
 */
import { randomUUID } from 'node:crypto';
import { EVENT_TYPES, parseInstant } from '@hirelearn/contract';
import type { DocumentCollection, DocumentStore, StoredDocument } from '@hirelearn/store';
import {
  type AppliedAcknowledgement,
  type DataQualityReport,
  QUALITY_RULES,
  type QualityFinding,
  type QualityRule,
} from './finding';
import { DEFAULT_DATA_QUALITY_SETTINGS, type DataQualitySettings } from './settings';

export const ACKNOWLEDGEMENTS_COLLECTION = 'quality_acknowledgements';

/** Longest `who` and `why` stored: a name and a sentence or a paragraph, not a document. */
const MAX_WHO = 200;
const MAX_WHY = 2000;
const DAY_MS = 86_400_000;

/** An operator's decision to proceed despite the findings of a rule, as stored. */
export interface QualityAcknowledgement extends StoredDocument {
  readonly _id: string;
  readonly rule: QualityRule;
  /** The event type it covers; null: every event type of the rule. */
  readonly event_type: string | null;
  readonly who: string;
  readonly why: string;
  /** ISO times: made at, and expires at (exclusive). */
  readonly created_at: string;
  readonly until: string;
}

/** An acknowledgement that covered findings of a report, with the findings it covered. */
export interface AcknowledgementUse extends QualityAcknowledgement {
  readonly findings: readonly {
    readonly rule: QualityRule;
    readonly event_type: string;
    readonly severity: QualityFinding['severity'];
  }[];
}

export function acknowledgementsCollection(
  docs: DocumentStore,
): DocumentCollection<QualityAcknowledgement> {
  return docs.collection<QualityAcknowledgement>(ACKNOWLEDGEMENTS_COLLECTION, {
    indexes: ['until'],
  });
}

/**
 * `RULE` (every event type of the rule) or `RULE:EVENT_TYPE` (one; `*` is the whole-log
 * finding of `capture_below_target`). Unknown rules and event types are refused, naming the
 * known ones, so a typo never records an acknowledgement that covers nothing.
 */
export function parseAcknowledgementTarget(target: string): {
  rule: QualityRule;
  event_type: string | null;
} {
  const [rule, eventType, ...rest] = target.split(':');
  if (!(QUALITY_RULES as readonly string[]).includes(rule) || rest.length > 0) {
    throw new RangeError(
      `acknowledgement target '${target}': the rule must be one of ${QUALITY_RULES.join(', ')} (RULE or RULE:EVENT_TYPE)`,
    );
  }
  if (
    eventType !== undefined &&
    eventType !== '*' &&
    !(EVENT_TYPES as readonly string[]).includes(eventType)
  ) {
    throw new RangeError(
      `acknowledgement target '${target}': the event type must be * or one of ${EVENT_TYPES.join(', ')}`,
    );
  }
  return { rule: rule as QualityRule, event_type: eventType ?? null };
}

/**
 * Records an acknowledgement of `target`'s findings by `who` because `why`, expiring at
 * `until` (ISO date, meaning its 00:00 UTC, or date-time), by default
 * `acknowledgement_days` after `now`, never later than `acknowledgement_max_days` after it.
 */
export async function acknowledgeFindings(
  docs: DocumentStore,
  request: {
    readonly target: string;
    readonly who: string;
    readonly why: string;
    readonly until?: string | null;
  },
  options: { readonly now?: Date; readonly settings?: DataQualitySettings } = {},
): Promise<QualityAcknowledgement> {
  const s = options.settings ?? DEFAULT_DATA_QUALITY_SETTINGS;
  const now = options.now ?? new Date();
  const { rule, event_type } = parseAcknowledgementTarget(request.target);
  const who = text('who', request.who, MAX_WHO);
  const why = text('why', request.why, MAX_WHY);
  const until =
    request.until == null
      ? new Date(now.getTime() + s.acknowledgement_days * DAY_MS)
      : parseInstant(request.until, 'until');
  if (until.getTime() <= now.getTime()) {
    throw new RangeError(`until: ${until.toISOString()} is not after now (${now.toISOString()})`);
  }
  if (until.getTime() > now.getTime() + s.acknowledgement_max_days * DAY_MS) {
    throw new RangeError(
      `until: ${until.toISOString()} is more than acknowledgement_max_days (${s.acknowledgement_max_days}) away; acknowledge again when it expires`,
    );
  }
  return acknowledgementsCollection(docs).insert({
    _id: randomUUID(),
    rule,
    event_type,
    who,
    why,
    created_at: now.toISOString(),
    until: until.toISOString(),
  });
}

/** The acknowledgements not expired at `now`, the latest-expiring first. */
export async function activeAcknowledgements(
  docs: DocumentStore,
  now: Date = new Date(),
): Promise<QualityAcknowledgement[]> {
  return acknowledgementsCollection(docs).find(
    { until: { $gt: now.toISOString() } },
    { sort: { field: 'until', direction: -1 } },
  );
}

/**
 * The report with each finding an acknowledgement covers marked as acknowledged (the
 * latest-expiring one when several do), `critical` counting only the critical findings left
 * unacknowledged, and the acknowledgements that covered something.
 */
export function applyAcknowledgements(
  report: DataQualityReport,
  acknowledgements: readonly QualityAcknowledgement[],
): { report: DataQualityReport; applied: AcknowledgementUse[] } {
  const uses = new Map<string, AcknowledgementUse['findings'][number][]>();
  const findings = report.findings.map((f): QualityFinding => {
    const ack = acknowledgements
      .filter((a) => a.rule === f.rule && (a.event_type === null || a.event_type === f.event_type))
      .sort((a, b) => b.until.localeCompare(a.until))[0];
    if (ack === undefined) return f;
    const covered = uses.get(ack._id) ?? [];
    covered.push({ rule: f.rule, event_type: f.event_type, severity: f.severity });
    uses.set(ack._id, covered);
    const acknowledged: AppliedAcknowledgement = {
      id: ack._id,
      who: ack.who,
      why: ack.why,
      until: ack.until,
    };
    return { ...f, acknowledged };
  });
  return {
    report: Object.freeze({
      ...report,
      critical: findings.filter((f) => f.severity === 'critical' && !f.acknowledged).length,
      acknowledged: findings.filter((f) => f.acknowledged).length,
      findings,
    }),
    applied: acknowledgements
      .filter((a) => uses.has(a._id))
      .map((a) => ({ ...a, findings: uses.get(a._id)! })),
  };
}

function text(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new RangeError(`${field}: must not be empty`);
  if (trimmed.length > max) {
    throw new RangeError(`${field}: ${trimmed.length} characters, at most ${max}`);
  }
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new RangeError(`${field}: must not hold control characters (newlines, escapes)`);
  }
  return trimmed;
}
