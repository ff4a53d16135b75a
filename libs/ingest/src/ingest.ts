import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { DEFAULT_FACTS_SETTINGS, type EventStore, type FactsSettings } from '@hirelearn/store';
import { classifyLines, type DoorState } from './classify';
import { inThreadValidator, type LineValidator } from './validator-pool';
import type { ValidatedLine } from './validate-lines';
import { expandInputs, type ExpandedInputs, type SourceProblem } from './input-files';
import { DEFAULT_LINE_LIMITS, readInputLines, type InputLine } from './read-lines';

/** A source that failed to read: its lines before the failure are ingested. */
export interface UnreadableSource extends SourceProblem {
  /** Lines read (and ingested) before the failure. */
  readonly lines_read: number;
}

/** What one ingest did: the contract's counts plus what waits and what was refused. */
export interface IngestReport {
  readonly run_id: string;
  /** `completed_with_errors` when a source could not be read whole (see `unreadable_sources`). */
  readonly status: 'completed' | 'completed_with_errors';
  readonly sources: readonly string[];
  /** Sources that failed to read (a truncated gzip, a read error, a dangling link), and why. */
  readonly unreadable_sources: readonly UnreadableSource[];
  /** Entries of folders and globs that are not regular files (FIFOs, sockets, devices): not read. */
  readonly skipped_sources: readonly SourceProblem[];
  readonly received: number;
  readonly stored: number;
  readonly duplicates: number;
  /** Lines this ingest sent to quarantine (already quarantined by an earlier run included). */
  readonly quarantined: number;
  readonly quarantined_by_reason: Readonly<Record<string, number>>;
  /** STATUS_CHANGED events still waiting for their APPLICATION_CREATED (whole store). */
  readonly pending: number;
  /** Waiting events released by this ingest because their application arrived. */
  readonly released: number;
  /** Events of erased users refused at the door (payload not stored). */
  readonly refused_erased_user: number;
  readonly erased_users: number;
  readonly facts: Readonly<Record<string, number>>;
  readonly seconds: number;
}

export interface IngestProgress {
  readonly source: string;
  readonly received: number;
  readonly stored: number;
  readonly quarantined: number;
}

export interface IngestOptions {
  readonly batchSize?: number;
  /** Lines longer than this are quarantined as `too_large` with their first bytes. */
  readonly maxLineBytes?: number;
  readonly facts?: FactsSettings;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Reference time for the future-timestamp rule (defaults to now). */
  readonly now?: Date;
  /** Where lines are validated (default: this thread; the CLI uses worker threads). */
  readonly validator?: LineValidator;
  /**
   * Erases a user whose USER_DELETION_REQUESTED passed the door from the stores the event
   * log does not hold (the CLI: the document store's predictions). Called before the batch
   * is written: if it fails, the run fails with no tombstone yet, and a re-run erases again.
   */
  readonly eraseElsewhere?: (userId: string) => Promise<void>;
}

/**
 * Reads every input in batches, validates at the door, writes each batch in one transaction,
 * then rebuilds the facts. Safe to re-run on the same inputs after a crash: stored events are
 * duplicates, quarantine entries are keyed by source, line and bytes. A source that fails to
 * read never costs the others (nor its own lines before the failure): it is recorded and the
 * run ends `completed_with_errors`. A failure of the store ends the run `failed`.
 */
export async function ingest(
  store: EventStore,
  inputs: readonly string[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  try {
    const expanded = expandInputs(inputs);
    const runId = randomUUID();
    await store.startRun(runId, expanded.files);
    try {
      return await ingestInputs(store, runId, expanded, options);
    } catch (error) {
      throw await store.failRun(runId, error);
    }
  } catch (error) {
    // A bad input fails before the batches start: the validator's worker threads would
    // otherwise keep the process alive. Closing twice is harmless.
    await options.validator?.close();
    throw error;
  }
}

/**
 * How many user ids the door remembers as erased or not before it starts over: a few MB, far
 * more than the users of one input, while hostile input (a new id every line) cannot grow it.
 */
const KNOWN_USERS = 100_000;

/**
 * Which users are erased. Tombstones keep a salted SHA-256 of the id, and once the store held
 * one tombstone the door hashed every line's user (the bench world: 150,000 hashes, 0.10-0.16 s
 * alone; the door's `isErased` 403 ms in a profile of the main thread, 67 ms with this): each
 * id is hashed once a run and its answer kept (an erasure only ever turns it to true).
 */
async function erasedUsers(store: EventStore): Promise<DoorState> {
  const erased = await store.tombstoneHashes();
  const known = new Map<string, boolean>();
  return {
    isErased(userId) {
      if (erased.size === 0) return false;
      let answer = known.get(userId);
      if (answer === undefined) {
        if (known.size >= KNOWN_USERS) known.clear();
        answer = erased.has(store.userHash(userId));
        known.set(userId, answer);
      }
      return answer;
    },
    markErased(userId) {
      erased.add(store.userHash(userId));
      known.set(userId, true);
    },
  };
}

async function ingestInputs(
  store: EventStore,
  runId: string,
  { files, unreadable: unlisted, skipped }: ExpandedInputs,
  options: IngestOptions,
): Promise<IngestReport> {
  const started = Date.now();
  const limits = {
    ...DEFAULT_LINE_LIMITS,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_LINE_LIMITS.maxLineBytes,
  };
  const unreadable: UnreadableSource[] = unlisted.map((u) => ({ ...u, lines_read: 0 }));
  const batchSize = options.batchSize ?? 20_000;
  const door = await erasedUsers(store);
  const nowMs = (options.now ?? new Date()).getTime();
  const validator = options.validator ?? inThreadValidator;
  const totals = { received: 0, stored: 0, duplicates: 0, released: 0, refused: 0, erased: 0 };
  const byReason: Record<string, number> = {};

  // Batches are validated ahead (in parallel when the validator has threads) and written in
  // input order, one transaction each; at most `ahead` batches wait, so memory stays flat.
  const ahead = 3;
  const waiting: Promise<{ validated: ValidatedLine[]; source: string }>[] = [];
  const writeNext = async () => {
    const { validated, source } = await (waiting.shift() as (typeof waiting)[number]);
    const batch = classifyLines(validated, source, door);
    for (const d of batch.deletions) await options.eraseElsewhere?.(d.userId);
    const outcome = await store.writeBatch(batch);
    totals.received += batch.received;
    totals.stored += outcome.stored;
    totals.duplicates += batch.duplicatesInBatch + outcome.duplicates;
    totals.released += outcome.released;
    totals.refused += batch.refused;
    totals.erased += outcome.erasedUsers;
    for (const q of batch.quarantine) byReason[q.reason] = (byReason[q.reason] ?? 0) + 1;
    if (outcome.conflicts > 0)
      byReason.duplicate_conflict = (byReason.duplicate_conflict ?? 0) + outcome.conflicts;
    const quarantined = Object.values(byReason).reduce((a, b) => a + b, 0);
    options.onProgress?.({ source, received: totals.received, stored: totals.stored, quarantined });
  };
  const submit = async (lines: InputLine[], source: string) => {
    waiting.push(validator.validate(lines, nowMs).then((validated) => ({ validated, source })));
    if (waiting.length > ahead) await writeNext();
  };

  try {
    for (const file of files) {
      const source = file === '-' ? 'stdin' : path.resolve(file);
      const reader = readInputLines(file, limits);
      let lines: InputLine[] = [];
      for (let read = 0; ; read += 1) {
        // Only the reader's failures are the source's; a failed write ends the run.
        let next: IteratorResult<InputLine>;
        try {
          next = await reader.next();
        } catch (error) {
          unreadable.push({ source, reason: (error as Error).message, lines_read: read });
          break;
        }
        if (next.done) break;
        lines.push(next.value);
        if (lines.length >= batchSize) {
          await submit(lines, source);
          lines = [];
        }
      }
      if (lines.length > 0) await submit(lines, source);
    }
    while (waiting.length > 0) await writeNext();
  } finally {
    await validator.close();
  }

  const facts = await store.rebuildFacts(options.facts ?? DEFAULT_FACTS_SETTINGS);
  const report: IngestReport = {
    run_id: runId,
    status: unreadable.length > 0 ? 'completed_with_errors' : 'completed',
    sources: files,
    unreadable_sources: unreadable,
    skipped_sources: skipped,
    received: totals.received,
    stored: totals.stored,
    duplicates: totals.duplicates,
    quarantined: Object.values(byReason).reduce((a, b) => a + b, 0),
    quarantined_by_reason: byReason,
    pending: await store.pendingCount(),
    released: totals.released,
    refused_erased_user: totals.refused,
    erased_users: totals.erased,
    facts,
    seconds: (Date.now() - started) / 1000,
  };
  await store.finishRun(runId, report, report.status);
  return report;
}
