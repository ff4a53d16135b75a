import { validateLine } from '@hirelearn/contract';
import type { Batch, QuarantineEntry, StagedEvent } from '@hirelearn/store';
import type { InputLine } from './read-lines';

/** What the door decides for a batch of lines before anything is written. */
export interface ClassifiedBatch extends Batch {
  readonly received: number;
  /** Exact repeats of an earlier line of the same batch (same id, same bytes). */
  readonly duplicates_in_batch: number;
  /** Events of users erased earlier: counted, payload never stored. */
  readonly refused: number;
}

export interface DoorState {
  /** Hashes of erased users (tombstones); grows as deletion requests pass. */
  readonly isErased: (userId: string) => boolean;
  readonly markErased: (userId: string) => void;
  /** Ingest start: the reference for "more than a day in the future". */
  readonly now: Date;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function fieldOf(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : null;
}

/**
 * Validates a batch of lines against the contract and sorts them into events to store,
 * quarantine entries (with their original bytes and a reason naming the field and the rule),
 * deletion requests and refusals. One bad line never affects the others.
 */
export function classifyLines(
  lines: readonly InputLine[],
  source: string,
  door: DoorState,
): ClassifiedBatch {
  const events: StagedEvent[] = [];
  const quarantine: QuarantineEntry[] = [];
  const deletions: { user_id: string; at_ms: number }[] = [];
  const firstById = new Map<string, string>();
  let duplicates = 0;
  let refused = 0;

  for (const { bytes, line } of lines) {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      quarantine.push({
        event_id: null,
        event_type: null,
        user_id: null,
        reason: 'invalid_encoding',
        field: '',
        message: 'not valid UTF-8 text',
        raw: Buffer.from(bytes),
        source,
        line,
      });
      continue;
    }
    const result = validateLine(text, door.now);
    if (!result.ok) {
      let parsed: unknown = null;
      if (result.reason !== 'invalid_json') parsed = JSON.parse(text);
      const userId = fieldOf(parsed, 'user_id');
      if (userId !== null && door.isErased(userId)) {
        refused += 1;
        continue;
      }
      quarantine.push({
        event_id: fieldOf(parsed, 'event_id'),
        event_type: fieldOf(parsed, 'event_type'),
        user_id: userId,
        reason: result.reason,
        field: result.field,
        message: result.message,
        raw: Buffer.from(bytes),
        source,
        line,
      });
      continue;
    }
    const event = result.event;
    const userId = fieldOf(event, 'user_id');
    if (userId !== null && door.isErased(userId)) {
      refused += 1;
      continue;
    }
    if (event.event_type === 'USER_DELETION_REQUESTED') {
      deletions.push({ user_id: event.user_id, at_ms: Date.parse(event.timestamp) });
      door.markErased(event.user_id);
      continue;
    }
    const earlier = firstById.get(event.event_id);
    if (earlier !== undefined) {
      if (earlier === text) duplicates += 1;
      else
        quarantine.push({
          event_id: event.event_id,
          event_type: event.event_type,
          user_id: userId,
          reason: 'duplicate_conflict',
          field: 'event_id',
          message: `event_id: '${event.event_id}' appears earlier in this input with different content; the first version is kept`,
          raw: Buffer.from(bytes),
          source,
          line,
        });
      continue;
    }
    firstById.set(event.event_id, text);
    events.push({
      event_id: event.event_id,
      event_type: event.event_type,
      user_id: userId,
      application_id: fieldOf(event, 'application_id'),
      occurred_at_ms: Date.parse(event.timestamp),
      payload: text,
      source,
      line,
    });
  }
  return {
    events,
    quarantine,
    deletions,
    received: lines.length,
    duplicates_in_batch: duplicates,
    refused,
  };
}
