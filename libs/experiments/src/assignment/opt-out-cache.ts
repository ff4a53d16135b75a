import { UnavailableError } from '@hirelearn/rpc';
import type { EventStore } from '@hirelearn/store';
import { personalizationOptOuts } from './opt-out-queries';

/** How the learning engine keeps the opt-out list it assigns with. */
export interface OptOutCacheSettings {
  /**
   * How often the list is read again from the event store. A user who opts out is enrolled
   * by no assignment made later than this (plus the time an ingest holds the store) after
   * their opt-out was ingested.
   */
  readonly refreshMs: number;
}

export const DEFAULT_OPT_OUT_CACHE: OptOutCacheSettings = Object.freeze({ refreshMs: 30_000 });

/**
 * The personalization opt-outs, read from the event store briefly (read-only) at start and
 * every `refreshMs`, off the request path: `Assign` never waits for the store, so an ingest
 * or an attribution holding DuckDB's file lock no longer fails it. When a refresh cannot read
 * the store (locked, missing), the last good list stays and the failure is logged once per
 * refresh; before any list was ever read, `current()` refuses (UNAVAILABLE, retry), since
 * enrolling a user who opted out is worse than a late assignment.
 */
export class OptOutCache {
  private list: ReadonlySet<string> | null = null;
  private readAt: string | null = null;
  private lastFailure: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly open: () => Promise<EventStore>,
    private readonly settings: OptOutCacheSettings = DEFAULT_OPT_OUT_CACHE,
    private readonly warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** Reads the list once (waiting for it) and then keeps refreshing it in the background. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.settings.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads the list now; keeps the last good one when the store cannot be read. */
  refresh(): Promise<void> {
    this.running ??= this.read().finally(() => (this.running = null));
    return this.running;
  }

  private async read(): Promise<void> {
    try {
      const store = await this.open();
      try {
        this.list = await personalizationOptOuts(store);
      } finally {
        await store.close();
      }
      this.readAt = new Date().toISOString();
      this.lastFailure = null;
    } catch (error) {
      this.lastFailure = error instanceof Error ? error.message : String(error);
      const kept = this.readAt ? `keeping the list read at ${this.readAt}` : 'no list read yet';
      this.warn(`learning-engine: opt-out list not refreshed (${kept}): ${this.lastFailure}`);
    }
  }

  /** The list to assign with; UnavailableError when none could be read yet. */
  current(): ReadonlySet<string> {
    if (!this.list) {
      throw new UnavailableError(
        'the opt-out list could not be read from the event store yet (it may be locked by an ingest); retry shortly',
      );
    }
    return this.list;
  }
}
