import type { z } from 'zod';
import { isEventType, USERLESS_EVENT_TYPES } from './event-types';
import { EVENT_SCHEMAS, type HirelearnEvent } from './schemas';

/** Why an event was not accepted as valid. Stable codes: reports group by them. */
export type InvalidReason =
  | 'invalid_json'
  | 'not_an_object'
  | 'unknown_event_type'
  | 'missing_field'
  | 'wrong_type'
  | 'out_of_range'
  | 'invalid_value'
  | 'naive_timestamp'
  | 'invalid_timestamp'
  | 'future_timestamp'
  | 'inconsistent_value'
  | 'invalid_encoding';

export type Validation =
  | { readonly ok: true; readonly event: HirelearnEvent }
  | {
      readonly ok: false;
      readonly reason: InvalidReason;
      /** Dotted path of the offending field, '' for the event as a whole. */
      readonly field: string;
      /** Names the field and the rule, e.g. `context.fit_score: must be <= 100 (got 140)`. */
      readonly message: string;
    };

/** How far in the future a timestamp may lie (clock skew between producers). */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function invalid(reason: InvalidReason, field: string, rule: string): Validation {
  return { ok: false, reason, field, message: field ? `${field}: ${rule}` : rule };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function reasonOf(issue: z.core.$ZodIssue): InvalidReason {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'missing_field' : 'wrong_type';
    case 'invalid_value':
      // zod reports an absent enum as a bad option; for the contract it is a missing field.
      return issue.input === undefined ? 'missing_field' : 'invalid_value';
    case 'too_small':
    case 'too_big':
      return 'out_of_range';
    case 'invalid_format':
      if (issue.format === 'datetime') {
        return NAIVE_DATETIME.test(String(issue.input)) ? 'naive_timestamp' : 'invalid_timestamp';
      }
      return 'invalid_value';
    case 'custom':
      return (issue.params?.reason as InvalidReason | undefined) ?? 'invalid_value';
    default:
      return 'invalid_value';
  }
}

function ruleOf(issue: z.core.$ZodIssue, reason: InvalidReason): string {
  switch (reason) {
    case 'missing_field':
      if (issue.code === 'invalid_type') return `is required (${issue.expected})`;
      if (issue.code === 'invalid_value') {
        return `is required (one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
      }
      return issue.message;
    case 'naive_timestamp':
      return `must be an ISO 8601 date-time with an offset such as 'Z' or '+02:00' (got ${describe(issue.input)})`;
    case 'invalid_timestamp':
      return `must be an ISO 8601 date-time with an offset (got ${describe(issue.input)})`;
    case 'inconsistent_value':
      return issue.message;
    default:
      return `${issue.message} (got ${describe(issue.input)})`;
  }
}

/** A lone surrogate: matched by `\p{Cs}` only when no partner makes it one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The first string or key in `value` that is not well-formed Unicode (a lone surrogate, which
 * a JSON `\u` escape can spell but no UTF-8 text can hold), as a validation; null when all are.
 */
function illFormedText(value: unknown, path: readonly (string | number)[]): Validation | null {
  if (typeof value === 'string') {
    return LONE_SURROGATE.test(value)
      ? invalid(
          'invalid_encoding',
          path.join('.'),
          `must be well-formed Unicode text (got ${describe(value)}, a lone surrogate UTF-8 cannot hold)`,
        )
      : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key))
      return invalid(
        'invalid_encoding',
        path.join('.'),
        `a key must be well-formed Unicode text (got ${JSON.stringify(key)}, a lone surrogate UTF-8 cannot hold)`,
      );
    const found = illFormedText(v, [...path, key]);
    if (found) return found;
  }
  return null;
}

/**
 * Checks one decoded JSON value against the contract. `now` is the ingest time: timestamps
 * more than a day after it are rejected. Returns the first problem found, with its field path.
 */
export function validateEvent(value: unknown, now: Date = new Date()): Validation {
  return checkEvent(value, now, true);
}

/** `validateEvent`, the walk for lone surrogates skipped when the caller knows there are none. */
function checkEvent(value: unknown, now: Date, mayHoldLoneSurrogates: boolean): Validation {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid('not_an_object', '', `an event must be a JSON object (got ${describe(value)})`);
  }
  const illFormed = mayHoldLoneSurrogates ? illFormedText(value, []) : null;
  if (illFormed) return illFormed;
  const record = value as Record<string, unknown>;
  const type = record.event_type;
  if (type === undefined) return invalid('missing_field', 'event_type', 'is required');
  if (!isEventType(type)) {
    return invalid(
      'unknown_event_type',
      'event_type',
      `must be one of the contract's event types (got ${describe(type)})`,
    );
  }
  if (USERLESS_EVENT_TYPES.has(type) === false && record.user_id === undefined) {
    return invalid('missing_field', 'user_id', `is required for ${type}`);
  }
  const parsed = EVENT_SCHEMAS[type].safeParse(value);
  if (!parsed.success) {
    // Parse again with the offending input attached: only bad events pay for it.
    const detailed = EVENT_SCHEMAS[type].safeParse(value, { reportInput: true });
    const issue = (detailed.error ?? parsed.error).issues[0];
    const reason = reasonOf(issue);
    return invalid(reason, issue.path.join('.'), ruleOf(issue, reason));
  }
  // The contract's default: an event without `schema_version` is version 1. zod's output is
  // a new object, never `value`, so the default goes on it in place: a copy of the event to add
  // it cost 0.25-0.35 us an event (40 ms of CPU and its garbage for the bench world's 150,000).
  const event = parsed.data as HirelearnEvent;
  event.schema_version ??= 1;
  const at = Date.parse(event.timestamp);
  if (at - now.getTime() > MAX_FUTURE_MS) {
    return invalid(
      'future_timestamp',
      'timestamp',
      `must not be more than 1 day in the future (got ${event.timestamp})`,
    );
  }
  return { ok: true, event };
}

/** Decodes one line of NDJSON and validates it. */
export function validateLine(line: string, now: Date = new Date()): Validation {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return invalid('invalid_json', '', `not valid JSON: ${(error as Error).message}`);
  }
  // Decoded UTF-8 holds no lone surrogate: only a `\u` escape can spell one.
  return checkEvent(value, now, line.includes('\\u'));
}
