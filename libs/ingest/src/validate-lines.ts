import { validateLine } from '@hirelearn/contract';
import type { InputLine } from './read-lines';

/**
 * The stateless half of the door: one line decoded and checked against the contract. It needs
 * nothing but the line, so batches of it can run on worker threads in parallel.
 */
export type ValidatedLine =
  | {
      readonly ok: true;
      readonly line: number;
      readonly text: string;
      readonly event_id: string;
      readonly event_type: string;
      readonly user_id: string | null;
      readonly application_id: string | null;
      readonly occurredAtMs: number;
    }
  | {
      readonly ok: false;
      readonly line: number;
      readonly bytes: Uint8Array;
      readonly event_id: string | null;
      readonly event_type: string | null;
      readonly user_id: string | null;
      readonly reason: string;
      readonly field: string;
      readonly message: string;
    };

const decoder = new TextDecoder('utf-8', { fatal: true });

function fieldOf(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : null;
}

/** A line refused before any of its fields could be read (cut at the reader, or not UTF-8). */
function unreadable(
  line: number,
  bytes: Uint8Array,
  reason: string,
  message: string,
): ValidatedLine {
  return {
    ok: false,
    line,
    bytes: Uint8Array.from(bytes),
    event_id: null,
    event_type: null,
    user_id: null,
    reason,
    field: '',
    message,
  };
}

/** Validates each line; `nowMs` is the reference for the future-timestamp rule. */
export function validateLines(lines: readonly InputLine[], nowMs: number): ValidatedLine[] {
  const now = new Date(nowMs);
  return lines.map(({ bytes, line, cut }): ValidatedLine => {
    if (cut) return unreadable(line, bytes, cut.reason, cut.message);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return unreadable(line, bytes, 'invalid_encoding', 'not valid UTF-8 text');
    }
    const result = validateLine(text, now);
    if (!result.ok) {
      const parsed: unknown = result.reason === 'invalid_json' ? null : JSON.parse(text);
      return {
        ok: false,
        line,
        bytes: Uint8Array.from(bytes),
        event_id: fieldOf(parsed, 'event_id'),
        event_type: fieldOf(parsed, 'event_type'),
        user_id: fieldOf(parsed, 'user_id'),
        reason: result.reason,
        field: result.field,
        message: result.message,
      };
    }
    const event = result.event;
    return {
      ok: true,
      line,
      text,
      event_id: event.event_id,
      event_type: event.event_type,
      user_id: fieldOf(event, 'user_id'),
      application_id: fieldOf(event, 'application_id'),
      occurredAtMs: Date.parse(event.timestamp),
    };
  });
}
