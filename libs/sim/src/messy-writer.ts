import type { HirelearnEvent } from '@hirelearn/contract';
import { SimRng } from './rng';

/** Receives the file's lines in order (without the newline). */
export type LineSink = (line: string) => void;

interface Pending {
  readonly line: string;
  readonly event: HirelearnEvent;
}

/**
 * Turns the time-ordered event stream into a realistically messy file: lines leave a small
 * window in random order (local disorder, as when producers batch and retry) and about
 * `duplicateRate` of them are written twice, verbatim (at-least-once delivery).
 */
export class MessyWriter {
  private readonly window: Pending[] = [];
  private lines = 0;
  private readonly duplicateIds: string[] = [];
  private readonly lastWritten = new Map<string, HirelearnEvent>();

  constructor(
    private readonly rng: SimRng,
    private readonly windowSize: number,
    private readonly duplicateRate: number,
    private readonly sink: LineSink,
    private readonly onEvent?: (event: HirelearnEvent) => void,
  ) {}

  /** Lines written so far. */
  get lineCount(): number {
    return this.lines;
  }

  get duplicates(): readonly string[] {
    return this.duplicateIds;
  }

  /** The last event of a type that has reached the file (a template for bad copies). */
  lastOf(type: HirelearnEvent['event_type']): HirelearnEvent | undefined {
    return this.lastWritten.get(type);
  }

  push(event: HirelearnEvent): void {
    this.onEvent?.(event);
    const pending = { line: JSON.stringify(event), event };
    this.enqueue(pending);
    if (this.rng.chance(this.duplicateRate)) {
      this.duplicateIds.push(event.event_id);
      this.enqueue(pending);
    }
  }

  /** Writes a line now, bypassing the window; returns its 1-based line number. */
  writeRaw(line: string): number {
    this.sink(line);
    return ++this.lines;
  }

  /** Empties the window. */
  finish(): void {
    while (this.window.length > 0) this.release();
  }

  private enqueue(pending: Pending): void {
    if (this.window.length >= this.windowSize) this.release();
    this.window.push(pending);
  }

  private release(): void {
    const i = Math.floor(this.rng.uniform() * this.window.length);
    const out = this.window[i];
    this.window[i] = this.window[this.window.length - 1];
    this.window.pop();
    this.sink(out.line);
    this.lines++;
    this.lastWritten.set(out.event.event_type, out.event);
  }
}
