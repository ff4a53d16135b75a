import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { DEFAULT_FACTS_SETTINGS, type EventStore, type FactsSettings } from '@hirelearn/store';
import { classifyLines } from './classify';
import { inThreadValidator, type LineValidator } from './validator-pool';
import type { ValidatedLine } from './validate-lines';
import { expandInputs } from './input-files';
import { readInputLines, type InputLine } from './read-lines';

/** What one ingest did: the contract's counts plus what waits and what was refused. */
export interface IngestReport {
  readonly run_id: string;
  readonly sources: readonly string[];
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
  readonly batch_size?: number;
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
 * duplicates, quarantine entries are keyed by source, line and bytes.
 */
export async function ingest(
  store: EventStore,
  inputs: readonly string[],
  options: IngestOptions = {},
): Promise<IngestReport> {
  try {
    return await ingestInputs(store, inputs, options);
  } catch (error) {
    // A bad input fails before the batches start: the validator's worker threads would
    // otherwise keep the process alive. Closing twice is harmless.
    await options.validator?.close();
    throw error;
  }
}

async function ingestInputs(
  store: EventStore,
  inputs: readonly string[],
  options: IngestOptions,
): Promise<IngestReport> {
  const started = Date.now();
  const files = expandInputs(inputs);
  const runId = randomUUID();
  const batchSize = options.batch_size ?? 20_000;
  const erased = await store.tombstoneHashes();
  const door = {
    isErased: (u: string) => erased.size > 0 && erased.has(store.userHash(u)),
    markErased: (u: string) => void erased.add(store.userHash(u)),
  };
  const nowMs = (options.now ?? new Date()).getTime();
  const validator = options.validator ?? inThreadValidator;
  const totals = { received: 0, stored: 0, duplicates: 0, released: 0, refused: 0, erased: 0 };
  const byReason: Record<string, number> = {};
  await store.startRun(runId, files);

  // Batches are validated ahead (in parallel when the validator has threads) and written in
  // input order, one transaction each; at most `ahead` batches wait, so memory stays flat.
  const ahead = 3;
  const waiting: Promise<{ validated: ValidatedLine[]; source: string }>[] = [];
  const writeNext = async () => {
    const { validated, source } = await (waiting.shift() as (typeof waiting)[number]);
    const batch = classifyLines(validated, source, door);
    for (const d of batch.deletions) await options.eraseElsewhere?.(d.user_id);
    const outcome = await store.writeBatch(batch);
    totals.received += batch.received;
    totals.stored += outcome.stored;
    totals.duplicates += batch.duplicates_in_batch + outcome.duplicates;
    totals.released += outcome.released;
    totals.refused += batch.refused;
    totals.erased += outcome.erased_users;
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
      let lines: InputLine[] = [];
      for await (const line of readInputLines(file)) {
        lines.push(line);
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
    sources: files,
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
  await store.finishRun(runId, report);
  return report;
}
