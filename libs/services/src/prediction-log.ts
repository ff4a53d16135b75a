import { createHash, randomUUID } from 'node:crypto';
import type { PendingBatch, PredictionSink } from './prediction-sink';

/** One logged prediction, the shape the drift monitor reads from `predictions`. */
export interface PredictionRecord {
  readonly _id: string;
  readonly model: string;
  readonly version: number;
  readonly user_id: string;
  /** The application the prediction is about ('' when a scored job has none yet). */
  readonly application_id: string;
  /** The candidate job, for fit-score predictions. */
  readonly job_id?: string;
  readonly inputs_hash: string;
  readonly probability: number;
  /**
   * A day-one (cold-start) prediction is of a user's rate over their first `horizon`
   * applications: its 95% prediction interval, which those applications' outcomes score.
   */
  readonly horizon?: number;
  readonly prediction_interval?: readonly [number, number];
  /** ISO 8601, UTC. */
  readonly predicted_at: string;
  readonly revision?: number;
}

/**
 * What a service hands the log: a record without the parts the log adds itself, with the
 * inputs instead of their hash (hashed behind the answer, when the entry is written).
 */
export interface PredictionEntry extends Omit<
  PredictionRecord,
  '_id' | 'predicted_at' | 'revision' | 'inputs_hash'
> {
  readonly inputs: unknown;
}

/**
 * A UUIDv7 (RFC 9562): the time in milliseconds first, then 74 random bits. Ids that grow
 * with time land at the right edge of the primary-key index instead of on a random page:
 * SQLite writes a batch of them several times faster than random UUIDs.
 */
export function timeOrderedId(now = Date.now()): string {
  const t = now.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

export const PREDICTIONS_COLLECTION = 'predictions';

/** sha256 of the inputs' JSON with keys sorted, so equal inputs hash equal. */
export function inputsHash(inputs: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(inputs) ?? 'null')
    .digest('hex');
}

/**
 * JSON.stringify with every object's keys sorted, written as text in one pass (no sorted
 * copies of the objects: it runs once per logged prediction). Like JSON.stringify, it leaves
 * out undefined members of objects and writes them as null in arrays.
 */
function canonicalJson(v: unknown): string | undefined {
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x) ?? 'null').join(',')}]`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const o = v as Record<string, unknown>;
  let out = '';
  for (const k of Object.keys(o).sort()) {
    const text = canonicalJson(o[k]);
    if (text !== undefined) out += `${out ? ',' : ''}${JSON.stringify(k)}:${text}`;
  }
  return `{${out}}`;
}

export interface PredictionLogSettings {
  /** Longest an entry waits in memory before it is written (the loss window of a crash). */
  readonly flushIntervalMs: number;
  /** Documents per `insertMany` (the sinks' `writeBatch`). */
  readonly writeBatch: number;
  /**
   * Entries held at most while writes fail or lag (the store down or slow): beyond this,
   * new entries are dropped and counted in `dropped`, so memory stays bounded.
   */
  readonly maxBuffered: number;
}

export const DEFAULT_PREDICTION_LOG: PredictionLogSettings = Object.freeze({
  flushIntervalMs: 5,
  writeBatch: 250,
  maxBuffered: 200_000,
});

/** Checks settings, naming the one that is not a positive integer (the interval may be 0). */
export function predictionLogSettings(
  overrides: Partial<PredictionLogSettings> = {},
): PredictionLogSettings {
  const s = Object.freeze({ ...DEFAULT_PREDICTION_LOG, ...overrides });
  for (const [name, v] of Object.entries(s)) {
    if (!Number.isInteger(v) || v < (name === 'flushIntervalMs' ? 0 : 1)) {
      throw new RangeError(`prediction log ${name}: ${v} must be a positive integer`);
    }
  }
  return s;
}

/**
 * Logs predictions off the request's critical path (write-behind): `log` only appends the
 * call's entries, with the time, to a buffer (no copy, no id, no hash: constant time per
 * call); `flushIntervalMs` later (or on `flush()`) the buffer goes to the sink, which gives
 * each entry a UUIDv7 id, hashes its inputs and writes them with `insertMany` (one
 * SQLite transaction, one MongoDB bulk insert per `writeBatch` documents), on a worker
 * thread (`workerSink`) or between calls on this one (`storeSink`). The services flush on a
 * graceful stop, after the last call has been answered: a graceful stop loses nothing.
 *
 * Loss window: a crash (SIGKILL, power loss) loses the entries still buffered, those logged
 * in the last `flushIntervalMs` (5 ms by default), plus the writes in flight. A failed
 * write is counted in `failedWrites`, never thrown at a caller whose answer already went out.
 */
export class PredictionLog {
  private readonly settings: PredictionLogSettings;
  private buffer: PendingBatch[] = [];
  /** Entries in the buffer. */
  private buffered = 0;
  /** Entries handed to the sink whose write has not finished yet. */
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failures = 0;
  private drops = 0;
  private written = 0;

  constructor(
    private readonly sink: PredictionSink,
    private readonly clock: () => Date = () => new Date(),
    settings: Partial<PredictionLogSettings> = {},
  ) {
    this.settings = predictionLogSettings(settings);
  }

  /**
   * Buffers one call's entries with the time now; never blocks on I/O. The entries are kept
   * as they are (not copied): the caller must not change them afterwards.
   */
  log(entries: readonly PredictionEntry[]): void {
    const room = Math.max(0, this.settings.maxBuffered - this.buffered - this.inFlight);
    const kept = entries.length <= room ? entries : entries.slice(0, room);
    this.drops += entries.length - kept.length;
    if (kept.length === 0) return;
    this.buffer.push({ predicted_at: this.clock().toISOString(), entries: kept });
    this.buffered += kept.length;
    // A timer, never a synchronous write: the answer goes out first.
    this.timer ??= setTimeout(() => this.writeBuffered(), this.settings.flushIntervalMs);
  }

  /** Writes everything buffered so far and resolves once every write has finished. */
  flush(): Promise<void> {
    this.writeBuffered();
    return this.writing;
  }

  /** Flushes, then closes the sink (the worker thread and its connection). */
  async close(): Promise<void> {
    await this.flush();
    await this.sink.close();
  }

  /** Entries whose write failed. */
  get failedWrites(): number {
    return this.failures;
  }

  /** Entries refused because `maxBuffered` were already waiting to be written. */
  get dropped(): number {
    return this.drops;
  }

  /** Entries written so far. */
  get writtenCount(): number {
    return this.written;
  }

  private writeBuffered(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffered === 0) return;
    const pending = this.buffer;
    const n = this.buffered;
    this.buffer = [];
    this.buffered = 0;
    this.inFlight += n;
    // One write at a time, in order.
    this.writing = this.writing.then(async () => {
      const r = await this.sink.write(pending);
      this.written += r.inserted;
      this.failures += r.failed;
      this.inFlight -= n;
    });
  }
}
