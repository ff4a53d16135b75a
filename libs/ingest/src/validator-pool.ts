import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InputLine } from './read-lines';
import {
  unpackValidated,
  validateBatch,
  type ValidatedBatch,
  type ValidatedLine,
} from './validate-lines';

/** Validates batches of lines; implementations may run them in parallel. */
export interface LineValidator {
  validate(lines: readonly InputLine[], nowMs: number): Promise<ValidatedLine[]>;
  close(): Promise<void>;
}

/** Validation on the calling thread. */
export const inThreadValidator: LineValidator = {
  validate: async (lines, nowMs) => unpackValidated(validateBatch(lines, nowMs), lines),
  close: async () => undefined,
};

/** A batch as one buffer plus line ends: lines are views into 1 MB read chunks, and posting
 * a view would copy its whole chunk. */
export interface PackedLines {
  readonly buffer: Uint8Array;
  readonly ends: Uint32Array;
  readonly numbers: Uint32Array;
  /** The records that were cut (rare), by their index in the batch. */
  readonly cuts: readonly (readonly [number, NonNullable<InputLine['cut']>])[];
}

export function packLines(lines: readonly InputLine[]): PackedLines {
  const buffer = Buffer.allocUnsafeSlow(lines.reduce((n, l) => n + l.bytes.length, 0));
  const ends = new Uint32Array(lines.length);
  const numbers = new Uint32Array(lines.length);
  const cuts: [number, NonNullable<InputLine['cut']>][] = [];
  let at = 0;
  lines.forEach((l, i) => {
    buffer.set(l.bytes, at);
    at += l.bytes.length;
    ends[i] = at;
    numbers[i] = l.line;
    if (l.cut) cuts.push([i, l.cut]);
  });
  return { buffer, ends, numbers, cuts };
}

export function unpackLines({ buffer, ends, numbers, cuts }: PackedLines): InputLine[] {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const cutAt = new Map(cuts);
  return Array.from(ends, (end, i) => ({
    bytes: bytes.subarray(i === 0 ? 0 : ends[i - 1], end),
    line: numbers[i],
    cut: cutAt.get(i),
  }));
}

interface Job {
  readonly lines: readonly InputLine[];
  readonly resolve: (v: ValidatedLine[]) => void;
  readonly reject: (e: Error) => void;
}

/**
 * How many validate workers an ingest starts by default: one core is left to the main thread
 * (reading, the door, the stage's appender) and to DuckDB's statements, which the workers
 * would otherwise compete with. On this 2-core machine one worker against two, 9 interleaved
 * pairs of the bench world's whole ingest at load 1.7-2.6: 2.93-3.29 against 3.10-3.83 s wall,
 * 4.55-5.31 against 5.06-6.25 s of CPU (each worker also compiles zod's code once more). Under
 * load from other processes more threads take a larger share of the cores: at load 3.5-4.7
 * two workers had the shorter wall.
 */
export function defaultValidateThreads(cores: number = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/**
 * Validation on worker threads running `workerScript` (the built `validate-worker.js`). Each
 * batch is cut in one part per worker, so a batch is answered in the time of its share: the
 * first one sooner (the ingest's writes wait for it), the others in the same total time. Each
 * worker answers its parts in order, so every caller gets its own batch's answer. Falls back to
 * the calling thread when the script is missing (running from source, e.g. under jest).
 */
export function workerValidator(workerScript: string, threads: number): LineValidator {
  if (threads < 1 || !existsSync(workerScript)) return inThreadValidator;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(workerScript);
    const queue: Job[] = [];
    worker.on('message', (result: ValidatedBatch) => {
      const job = queue.shift();
      try {
        job?.resolve(unpackValidated(result, job.lines));
      } catch (error) {
        job?.reject(error as Error);
      }
    });
    worker.on('error', (error) => {
      for (const job of queue.splice(0)) job.reject(error);
    });
    return { worker, queue };
  });
  const validatePart = (w: (typeof workers)[number], lines: readonly InputLine[], nowMs: number) =>
    new Promise<ValidatedLine[]>((resolve, reject) => {
      w.queue.push({ lines, resolve, reject });
      const packed = packLines(lines);
      w.worker.postMessage({ ...packed, nowMs }, [packed.buffer.buffer as ArrayBuffer]);
    });
  return {
    async validate(lines, nowMs) {
      const size = Math.ceil(lines.length / workers.length);
      const parts = workers
        .map((w, i) => [w, lines.slice(i * size, (i + 1) * size)] as const)
        .filter(([, part]) => part.length > 0);
      const answers = await Promise.all(parts.map(([w, part]) => validatePart(w, part, nowMs)));
      return answers.flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
