import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DocumentStore } from '@hirelearn/store';
import {
  inputsHash,
  PREDICTIONS_COLLECTION,
  timeOrderedId,
  type PredictionEntry,
  type PredictionRecord,
} from './prediction-log';

/** The predictions one call logged, with the call's time: not given ids nor hashed yet. */
export interface PendingBatch {
  /** ISO 8601, UTC. */
  readonly predicted_at: string;
  readonly entries: readonly PredictionEntry[];
}

/** The records of pending batches: a time-ordered id each, the inputs hashed. */
function pendingRecords(batches: readonly PendingBatch[]): PredictionRecord[] {
  const out: PredictionRecord[] = [];
  for (const { predicted_at, entries } of batches) {
    const ms = Date.parse(predicted_at);
    for (const { inputs, ...rest } of entries) {
      out.push({ _id: timeOrderedId(ms), ...rest, inputs_hash: inputsHash(inputs), predicted_at });
    }
  }
  return out;
}

/** What one write did. */
export interface SinkWrite {
  readonly inserted: number;
  readonly failed: number;
}

/** Where the prediction log's buffer goes: hashed and written to the `predictions` collection. */
export interface PredictionSink {
  write(pending: readonly PendingBatch[]): Promise<SinkWrite>;
  /** Waits for the writes under way, then lets the store go (the sink's own store only). */
  close(): Promise<void>;
}

const yieldToCalls = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes on the calling thread: `writeBatch` documents per `insertMany`, the event loop free
 * to answer calls between two (SQLite writes synchronously on the calling thread).
 */
export function storeSink(documents: DocumentStore, writeBatch = 250): PredictionSink {
  const collection = documents.collection<PredictionRecord>(PREDICTIONS_COLLECTION, {
    indexes: ['model', 'predicted_at'],
  });
  return {
    async write(pending) {
      const records = pendingRecords(pending);
      let inserted = 0;
      let failed = 0;
      for (let i = 0; i < records.length; i += writeBatch) {
        if (i > 0) await yieldToCalls();
        const batch = records.slice(i, i + writeBatch);
        try {
          const r = await collection.insertMany(batch);
          inserted += r.inserted;
          failed += r.duplicateIds.length;
        } catch {
          failed += batch.length;
        }
      }
      return { inserted, failed };
    },
    close: async () => undefined,
  };
}

/** The messages between the log and its worker thread. */
export type SinkRequest = SinkRequestBody & { readonly id: number };
export type SinkReply = SinkWrite & { readonly id: number };
type SinkRequestBody =
  /** `batches`: the PendingBatch[] as JSON (a string crosses threads at memcpy speed). */
  | { readonly kind: 'write'; readonly batches: string; readonly size: number }
  | { readonly kind: 'close' };

/**
 * Writes on a worker thread running `script` (the built `prediction-log-worker.js`) with its
 * own connection to `documentsUrl`: hashing, JSON and SQLite's synchronous inserts run on
 * another core, so they never hold up a call. Null when the script is missing (running from
 * source, e.g. under jest) or the store lives in this process's memory; use `storeSink` then.
 */
export function workerSink(
  script: string | null,
  documentsUrl: string,
  writeBatch = 250,
): PredictionSink | null {
  if (!script || !existsSync(script) || documentsUrl.endsWith('::memory:')) return null;
  const worker = new Worker(script, { workerData: { url: documentsUrl, writeBatch } });
  const waiting = new Map<number, { size: number; done: (w: SinkWrite) => void }>();
  let next = 0;
  let broken = false;
  worker.on('message', (reply: SinkReply) => {
    waiting.get(reply.id)?.done(reply);
    waiting.delete(reply.id);
  });
  // A dead worker fails what it held and everything after: counted, never thrown at a call.
  const fail = () => {
    broken = true;
    for (const { size, done } of waiting.values()) done({ inserted: 0, failed: size });
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  const ask = (request: SinkRequestBody, size: number): Promise<SinkWrite> => {
    if (broken) return Promise.resolve({ inserted: 0, failed: size });
    const id = next++;
    return new Promise((done) => {
      waiting.set(id, { size, done });
      worker.postMessage({ ...request, id });
    });
  };
  return {
    write: (pending) => {
      const size = pending.reduce((n, b) => n + b.entries.length, 0);
      return ask({ kind: 'write', batches: JSON.stringify(pending), size }, size);
    },
    async close() {
      await ask({ kind: 'close' }, 0);
      await worker.terminate();
    },
  };
}
