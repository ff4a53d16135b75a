import type { Batch, QuarantineEntry, StagedEvent } from '@hirelearn/store';
import { quotedStrings } from './quoted-strings';
import type { ValidatedLine } from './validate-lines';

/** What the door decides for a batch of lines before anything is written. */
export interface ClassifiedBatch extends Batch {
  readonly received: number;
  /** Exact repeats of an earlier line of the same batch (same id, same bytes). */
  readonly duplicatesInBatch: number;
  /**
   * Lines of users erased earlier: counted, bytes never stored. Lines that cannot be read
   * as events count when any quoted string in them is an erased user's id.
   */
  readonly refused: number;
}

export interface DoorState {
  /** Whether a user was erased (a tombstone exists); grows as deletion requests pass. */
  readonly isErased: (userId: string) => boolean;
  readonly markErased: (userId: string) => void;
}

/**
 * The stateful half of the door, run in input order: refuses events of erased users, turns
 * deletion requests into erasures, and settles repeats within the batch (identical: a
 * duplicate; different content: quarantined as a conflict). One bad line never affects others.
 */
export function classifyLines(
  validated: readonly ValidatedLine[],
  source: string,
  door: DoorState,
): ClassifiedBatch {
  const events: StagedEvent[] = [];
  const quarantine: QuarantineEntry[] = [];
  const deletions: { userId: string; atMs: number }[] = [];
  const firstById = new Map<string, string>();
  let duplicates = 0;
  let refused = 0;

  for (const v of validated) {
    if (v.user_id !== null && door.isErased(v.user_id)) {
      refused += 1;
      continue;
    }
    if (!v.ok) {
      const { ok: _ok, bytes, line, ...why } = v;
      // Quarantine keeps a line's bytes: those of an erased user must never be written.
      if (quotedStrings(bytes).some(door.isErased)) {
        refused += 1;
        continue;
      }
      quarantine.push({ ...why, raw: bytes, source, line });
      continue;
    }
    if (v.event_type === 'USER_DELETION_REQUESTED' && v.user_id !== null) {
      deletions.push({ userId: v.user_id, atMs: v.occurredAtMs });
      door.markErased(v.user_id);
      continue;
    }
    const earlier = firstById.get(v.event_id);
    if (earlier !== undefined) {
      if (earlier === v.text) duplicates += 1;
      else
        quarantine.push({
          event_id: v.event_id,
          event_type: v.event_type,
          user_id: v.user_id,
          reason: 'duplicate_conflict',
          field: 'event_id',
          message: `event_id: '${v.event_id}' appears earlier in this input with different content; the first version is kept`,
          raw: Buffer.from(v.text),
          source,
          line: v.line,
        });
      continue;
    }
    firstById.set(v.event_id, v.text);
    events.push({
      event_id: v.event_id,
      event_type: v.event_type,
      user_id: v.user_id,
      application_id: v.application_id,
      occurredAtMs: v.occurredAtMs,
      payload: v.text,
      source,
      line: v.line,
    });
  }
  return {
    events,
    quarantine,
    deletions,
    received: validated.length,
    duplicatesInBatch: duplicates,
    refused,
  };
}
