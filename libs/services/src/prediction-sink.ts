import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { DocumentStore } from '@hirelearn/store';
import { inputsHash, PREDICTIONS_COLLECTION, type PredictionRecord } from './prediction-log';

/** A prediction waiting to be written: stamped, its inputs not hashed yet. */
export interface PendingPrediction {
  readonly record: Omit<PredictionRecord, 'inputs_hash'>;
  readonly inputs: unknown;
}

/** What one write did. */
export interface SinkWrite {
  readonly inserted: number;
  readonly failed: number;
}

/** Where the prediction log's buffer goes: hashed and written to the `predictions` collection. */
export interface PredictionSink {
  write(pending: readonly PendingPrediction[]): Promise<SinkWrite>;
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
      let inserted = 0;
      let failed = 0;
      for (let i = 0; i < pending.length; i += writeBatch) {
        if (i > 0) await yieldToCalls();
        const batch = pending
          .slice(i, i + writeBatch)
          .map((p): PredictionRecord => ({ ...p.record, inputs_hash: inputsHash(p.inputs) }));
        try {
          const r = await collection.insertMany(batch);
          inserted += r.inserted;
          failed += r.duplicate_ids.length;
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
  | { readonly kind: 'write'; readonly pending: readonly PendingPrediction[] }
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
    write: (pending) => ask({ kind: 'write', pending }, pending.length),
    async close() {
      await ask({ kind: 'close' }, 0);
      await worker.terminate();
    },
  };
}
