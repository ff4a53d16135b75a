import type { HirelearnEvent, InvalidReason } from '@hirelearn/contract';

/** Every kind of invalid input the contract names, one planted set per kind. */
export const BAD_KINDS = [
  'not_json',
  'missing_field',
  'wrong_type',
  'out_of_range',
  'naive_timestamp',
  'future_timestamp',
  'unknown_event_type',
  'score_delta_mismatch',
  'conflicting_duplicate',
  'orphan_status',
] as const;
export type BadKind = (typeof BAD_KINDS)[number];

/**
 * What an ingest must do with a planted line. The first eight fail `validateLine` with
 * `reason`; the last two are valid on their own and are caught by the store: a second
 * `event_id` with different content, and a STATUS_CHANGED whose application never exists.
 */
export interface BadEventTruth {
  readonly kind: BadKind;
  /** 1-based line number in events.ndjson. */
  readonly line: number;
  readonly event_id: string | null;
  readonly reason: InvalidReason | 'conflicting_duplicate' | 'unknown_application';
  /** Dotted path of the offending field ('' for the whole line). */
  readonly field: string;
}

/** The reason each kind must be quarantined with, and the field it names. */
export const BAD_EXPECTATIONS: Record<BadKind, Pick<BadEventTruth, 'reason' | 'field'>> = {
  not_json: { reason: 'invalid_json', field: '' },
  missing_field: { reason: 'missing_field', field: 'context.fit_score' },
  wrong_type: { reason: 'wrong_type', field: 'context.fit_score' },
  out_of_range: { reason: 'out_of_range', field: 'context.fit_score' },
  naive_timestamp: { reason: 'naive_timestamp', field: 'timestamp' },
  future_timestamp: { reason: 'future_timestamp', field: 'timestamp' },
  unknown_event_type: { reason: 'unknown_event_type', field: 'event_type' },
  score_delta_mismatch: { reason: 'inconsistent_value', field: 'score_delta' },
  conflicting_duplicate: { reason: 'conflicting_duplicate', field: 'event_id' },
  orphan_status: { reason: 'unknown_application', field: 'application_id' },
};

/** Templates the bad lines are cut from: real events already in the file. */
export interface BadTemplates {
  readonly submitted: HirelearnEvent;
  readonly rewritten: HirelearnEvent | undefined;
}

type Json = Record<string, unknown>;

/**
 * Builds the line for one planted bad event. `n` numbers the instance, `futureAt` is an ISO
 * instant well after the world's end (and after any plausible ingest time).
 */
export function badLine(
  kind: BadKind,
  n: number,
  t: BadTemplates,
  futureAt: string,
): { line: string; eventId: string | null } {
  const id = `bad-${kind}-${n}`;
  const base: Json = { ...(t.submitted as Json), event_id: id };
  const context = { ...(base.context as Json) };
  const withContext = (c: Json) => JSON.stringify({ ...base, context: c });
  switch (kind) {
    case 'not_json':
      return { line: JSON.stringify(base).slice(0, 80), eventId: null };
    case 'missing_field': {
      delete context.fit_score;
      return { line: withContext(context), eventId: id };
    }
    case 'wrong_type':
      return {
        line: withContext({ ...context, fit_score: String(context.fit_score) }),
        eventId: id,
      };
    case 'out_of_range':
      return { line: withContext({ ...context, fit_score: 140 }), eventId: id };
    case 'naive_timestamp':
      return {
        line: JSON.stringify({ ...base, timestamp: String(base.timestamp).replace('Z', '') }),
        eventId: id,
      };
    case 'future_timestamp':
      return { line: JSON.stringify({ ...base, timestamp: futureAt }), eventId: id };
    case 'unknown_event_type':
      return {
        line: JSON.stringify({ ...base, event_type: 'APPLICATION_WITHDRAWN' }),
        eventId: id,
      };
    case 'score_delta_mismatch': {
      const r = (t.rewritten as Json | undefined) ?? {
        event_type: 'RESUME_REWRITTEN',
        user_id: base.user_id,
        timestamp: base.timestamp,
        resume_version_id: base.resume_version_id,
        user_accepted: true,
      };
      return {
        line: JSON.stringify({
          ...r,
          event_id: id,
          before_score: 50,
          after_score: 55,
          score_delta: 9,
        }),
        eventId: id,
      };
    }
    case 'conflicting_duplicate': {
      const original = t.submitted as Json;
      const changed = {
        ...(original.context as Json),
        tailoring_applied: !(original.context as Json).tailoring_applied,
      };
      return {
        line: JSON.stringify({ ...original, context: changed }),
        eventId: String(original.event_id),
      };
    }
    case 'orphan_status':
      return {
        line: JSON.stringify({
          event_id: id,
          event_type: 'STATUS_CHANGED',
          user_id: base.user_id,
          timestamp: base.timestamp,
          application_id: `app-never-created-${n}`,
          job_id: base.job_id,
          outcome: { status: 'rejected', days_to_response: 4 },
        }),
        eventId: id,
      };
  }
}
