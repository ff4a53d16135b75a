import { createHash, randomUUID } from 'node:crypto';
import type { DocumentCollection, DocumentStore } from '@hirelearn/store';

/** One logged prediction, the shape the drift monitor reads from `predictions`. */
export interface PredictionRecord {
  readonly _id: string;
  readonly model: string;
  readonly version: number;
  readonly user_id: string;
  readonly application_id: string;
  readonly inputs_hash: string;
  readonly probability: number;
  /** ISO 8601, UTC. */
  readonly predicted_at: string;
  readonly revision?: number;
}

export const PREDICTIONS_COLLECTION = 'predictions';

/** sha256 of the inputs' JSON with keys sorted, so equal inputs hash equal. */
export function inputsHash(inputs: unknown): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : Array.isArray(v)
        ? v.map(canonical)
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(inputs)))
    .digest('hex');
}

/**
 * Logs predictions to the document store without holding up the answer: writes are queued
 * and run after the response is sent; `flush` waits for them (before shutdown, in tests).
 * A failed write is counted, not thrown at the caller whose prediction already went out.
 */
export class PredictionLog {
  private readonly collection: DocumentCollection<PredictionRecord>;
  private pending: Promise<void> = Promise.resolve();
  private failures = 0;

  constructor(
    documents: DocumentStore,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.collection = documents.collection<PredictionRecord>(PREDICTIONS_COLLECTION, {
      indexes: ['model', 'predicted_at'],
    });
  }

  log(entries: readonly Omit<PredictionRecord, '_id' | 'predicted_at'>[]): void {
    const at = this.clock().toISOString();
    const docs = entries.map((e) => ({ _id: randomUUID(), ...e, predicted_at: at }));
    this.pending = this.pending.then(async () => {
      for (const d of docs) {
        try {
          await this.collection.insert(d);
        } catch {
          this.failures += 1;
        }
      }
    });
  }

  get failedWrites(): number {
    return this.failures;
  }

  flush(): Promise<void> {
    return this.pending;
  }
}
