import { EVENT_TYPES, validateLine } from '@hirelearn/contract';
import type { QuarantineEntry } from '@hirelearn/store';
import type { InputLine } from './read-lines';

/** Why a line was refused, and the ids that could be read from it (the quarantine's columns). */
type Refusal = Pick<
  QuarantineEntry,
  'event_id' | 'event_type' | 'user_id' | 'reason' | 'field' | 'message'
>;

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
  | ({ readonly ok: false; readonly line: number; readonly bytes: Uint8Array } & Refusal);

/** A line the door refused, by its index in the batch; its bytes stay with the sender. */
export interface RefusedLine extends Refusal {
  readonly index: number;
}

/**
 * A batch's verdicts in the shape that crosses the thread boundary cheaply: a few typed arrays
 * and one string instead of an object and a string per line. A worker's answer is copied
 * (structured clone) and every object in it is rebuilt field by field on the main thread, in
 * its young generation: 20,000 result objects with their texts cost the main thread more than
 * reading them back from this (`unpackValidated`).
 */
export interface ValidatedBatch {
  /** Per line: the index of a valid line's type in `EVENT_TYPES`, `REFUSED` for the others. */
  readonly types: Uint8Array;
  /** Per line: a valid line's `timestamp` in ms since the epoch. */
  readonly occurredAtMs: Float64Array;
  /** Each valid line's text, event_id, user_id and application_id, in line order, joined. */
  readonly strings: string;
  /** Per line, the lengths of its four strings in `strings`: -1 for null, 0 for a refused line. */
  readonly lengths: Int32Array;
  /** The refused lines (rare), in line order. */
  readonly refused: readonly RefusedLine[];
}

/** How many strings of a valid line `strings` holds (text, event_id, user_id, application_id). */
const STRINGS_PER_LINE = 4;

/** The type index of a refused line (there are fewer than 255 event types). */
const REFUSED = 0xff;

const decoder = new TextDecoder('utf-8', { fatal: true });

function fieldOf(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : null;
}

/** A line refused before any of its fields could be read (cut at the reader, or not UTF-8). */
function unreadable(index: number, reason: string, message: string): RefusedLine {
  return { index, event_id: null, event_type: null, user_id: null, reason, field: '', message };
}

/** Validates each line; `nowMs` is the reference for the future-timestamp rule. */
export function validateBatch(lines: readonly InputLine[], nowMs: number): ValidatedBatch {
  const now = new Date(nowMs);
  const types = new Uint8Array(lines.length).fill(REFUSED);
  const occurredAtMs = new Float64Array(lines.length);
  const lengths = new Int32Array(lines.length * STRINGS_PER_LINE);
  const strings: string[] = [];
  const refused: RefusedLine[] = [];
  /** Appends a string (or null) of line `i` at position `k` of its four. */
  const put = (i: number, k: number, s: string | null) => {
    lengths[i * STRINGS_PER_LINE + k] = s === null ? -1 : s.length;
    if (s !== null) strings.push(s);
  };
  for (let i = 0; i < lines.length; i++) {
    const { bytes, cut } = lines[i];
    if (cut) {
      refused.push(unreadable(i, cut.reason, cut.message));
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      refused.push(unreadable(i, 'invalid_encoding', 'not valid UTF-8 text'));
      continue;
    }
    const result = validateLine(text, now);
    if (!result.ok) {
      const parsed: unknown = result.reason === 'invalid_json' ? null : JSON.parse(text);
      refused.push({
        index: i,
        event_id: fieldOf(parsed, 'event_id'),
        event_type: fieldOf(parsed, 'event_type'),
        user_id: fieldOf(parsed, 'user_id'),
        reason: result.reason,
        field: result.field,
        message: result.message,
      });
      continue;
    }
    const event = result.event;
    types[i] = EVENT_TYPES.indexOf(event.event_type);
    occurredAtMs[i] = Date.parse(event.timestamp);
    put(i, 0, text);
    put(i, 1, event.event_id);
    put(i, 2, fieldOf(event, 'user_id'));
    put(i, 3, fieldOf(event, 'application_id'));
  }
  return { types, occurredAtMs, strings: strings.join(''), lengths, refused };
}

/** The buffers of a batch's verdicts, to transfer rather than copy to another thread. */
export function transferablesOf(batch: ValidatedBatch): ArrayBuffer[] {
  return [batch.types, batch.occurredAtMs, batch.lengths].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The verdicts of `validateBatch(lines)` read back, one per line. The texts and ids are slices
 * of the batch's one string (no copy); a refused line takes its bytes from `lines`.
 */
export function unpackValidated(
  batch: ValidatedBatch,
  lines: readonly InputLine[],
): ValidatedLine[] {
  const { types, occurredAtMs, strings, lengths, refused } = batch;
  const out: ValidatedLine[] = new Array<ValidatedLine>(lines.length);
  let at = 0;
  /** The string (or null) at position `k` of line `i`'s four, taken in order. */
  const take = (i: number, k: number): string | null => {
    const length = lengths[i * STRINGS_PER_LINE + k];
    if (length < 0) return null;
    at += length;
    return strings.slice(at - length, at);
  };
  for (const { index, ...why } of refused) {
    out[index] = {
      ok: false,
      line: lines[index].line,
      bytes: Uint8Array.from(lines[index].bytes),
      ...why,
    };
  }
  for (let i = 0; i < lines.length; i++) {
    if (types[i] === REFUSED) continue;
    out[i] = {
      ok: true,
      line: lines[i].line,
      text: take(i, 0) as string,
      event_id: take(i, 1) as string,
      event_type: EVENT_TYPES[types[i]],
      user_id: take(i, 2),
      application_id: take(i, 3),
      occurredAtMs: occurredAtMs[i],
    };
  }
  return out;
}
