import { runMonitor, type MonitorDependencies } from '../monitor/run-monitor';
import { DEFAULT_MONITOR_SETTINGS, type MonitorSettings } from '../monitor/settings';
import type { MonitorRun } from '../monitor/types';

/** What started a pass. */
export type RunTrigger = 'schedule' | 'run_now';

/** One finished pass, with when and why it ran. */
export interface TimedMonitorRun extends MonitorRun {
  readonly started_at: string;
  readonly finished_at: string;
  readonly trigger: RunTrigger;
}

/**
 * The stores of one pass, and how to let go of them after it. The served monitor opens the
 * event store per pass so that ingestion (another process) can write between passes.
 */
export interface OpenedStores {
  readonly deps: MonitorDependencies;
  close(): Promise<void>;
}

export type RunListener = (run: TimedMonitorRun) => void;

/**
 * The drift monitor as a long-running job: passes run one at a time (a RunNow during a pass
 * waits for it, then runs its own, since the caller wants data as of its call), on a schedule
 * every `everyMinutes` when started, and every finished pass goes to the listeners
 * (WatchHealth). A scheduled pass that fails is reported to `onError` and the schedule goes
 * on: a store briefly unavailable must not end the monitoring.
 */
export class MonitorLoop {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private latest: TimedMonitorRun | null = null;
  private readonly listeners = new Set<RunListener>();

  constructor(
    private readonly open: () => Promise<OpenedStores>,
    private readonly settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The last finished pass, or null before the first. */
  get last(): TimedMonitorRun | null {
    return this.latest;
  }

  /** Runs a pass after any running one; rejects if the stores cannot be opened or read. */
  run(trigger: RunTrigger): Promise<TimedMonitorRun> {
    const next = this.queue.then(() => this.pass(trigger));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A pass every `everyMinutes`, the first one now. */
  start(everyMinutes: number, onError: (error: unknown) => void): void {
    if (!(everyMinutes > 0)) throw new RangeError(`everyMinutes must be > 0, got ${everyMinutes}`);
    this.stopSchedule();
    const tick = (): void => {
      this.run('schedule').then(
        () => undefined,
        (error: unknown) => onError(error),
      );
      this.timer = setTimeout(tick, everyMinutes * 60_000);
      this.timer.unref();
    };
    tick();
  }

  /** Stops the schedule and waits for the running pass to finish. */
  async stop(): Promise<void> {
    this.stopSchedule();
    await this.queue;
  }

  /** Calls `listener` after every finished pass; returns the unsubscribe. */
  subscribe(listener: RunListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private stopSchedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async pass(trigger: RunTrigger): Promise<TimedMonitorRun> {
    const started_at = this.clock().toISOString();
    const stores = await this.open();
    let run: MonitorRun;
    try {
      run = await runMonitor(stores.deps, this.settings);
    } finally {
      await stores.close();
    }
    const timed: TimedMonitorRun = Object.freeze({
      ...run,
      started_at,
      finished_at: this.clock().toISOString(),
      trigger,
    });
    this.latest = timed;
    for (const listener of [...this.listeners]) listener(timed);
    return timed;
  }
}
