/**
 * The nightly's run record: one document per run in `nightly_runs`, rewritten (compare-and-set
 * on its revision) as each step finishes, so a run killed midway leaves a record that says how
 * far it got. The next run finds it still `running` with its process gone and marks it
 * `interrupted` before it starts.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DocumentCollection, DocumentStore, StoredDocument } from '@hirelearn/store';
import type { NightlySettings } from './settings';

export const NIGHTLY_RUNS_COLLECTION = 'nightly_runs';

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type StepStatus = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';
export type RunStatus = 'running' | 'ok' | 'failed' | 'interrupted';

/** The data a run reads: applications submitted in [since, until); null where open. */
export interface RunWindow {
  readonly since: string | null;
  readonly until: string | null;
}

export interface StepRecord {
  readonly name: string;
  /** The steps whose results this one reads: it is skipped when one of them did not succeed. */
  readonly needs: readonly string[];
  readonly status: StepStatus;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly duration_ms: number | null;
  /** Ids of what the step stored or changed (attribution result, recommendations, versions...). */
  readonly produced: readonly string[];
  /** A few figures about what it did, for `runs show`. */
  readonly summary: { readonly [key: string]: JsonValue };
  /** Findings that do not fail the step (a narrowing loop, a refused experiment). */
  readonly findings: readonly string[];
  /** Why it failed, or why it was skipped. */
  readonly error: string | null;
}

export interface NightlyRun extends StoredDocument {
  readonly run_id: string;
  readonly status: RunStatus;
  readonly started_at: string;
  readonly finished_at: string | null;
  /** Rewritten at every step boundary: how another host tells a dead run from a slow one. */
  readonly heartbeat_at: string;
  readonly host: string;
  readonly pid: number;
  readonly window: RunWindow;
  readonly steps: readonly StepRecord[];
  /** The steps that failed, in order (empty unless status is failed). */
  readonly failed_steps: readonly string[];
  /** Why the run as a whole ended badly (interrupted, or a failure outside any step). */
  readonly error: string | null;
}

export function nightlyRunsCollection(docs: DocumentStore): DocumentCollection<NightlyRun> {
  return docs.collection<NightlyRun>(NIGHTLY_RUNS_COLLECTION, {
    indexes: ['status', 'started_at'],
  });
}

/** A run id that sorts by start time: `nightly-20261206T133000Z-1a2b`. */
export function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `nightly-${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Runs, newest first. */
export async function listRuns(docs: DocumentStore, limit?: number): Promise<NightlyRun[]> {
  return nightlyRunsCollection(docs).find(
    {},
    { sort: { field: 'started_at', direction: -1 }, ...(limit ? { limit } : {}) },
  );
}

/** A run by id, or the newest when id is absent; null when there is none. */
export async function getRun(docs: DocumentStore, id?: string): Promise<NightlyRun | null> {
  if (id !== undefined) return nightlyRunsCollection(docs).get(id);
  return (await listRuns(docs, 1))[0] ?? null;
}

/** Whether the process that owns a `running` record is gone (so the run was killed). */
export function isDead(run: NightlyRun, now: Date, settings: NightlySettings): boolean {
  if (run.host === hostname()) {
    if (run.pid === process.pid) return false;
    try {
      process.kill(run.pid, 0);
      return false;
    } catch (e) {
      // EPERM: the process exists under another user.
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  return now.getTime() - Date.parse(run.heartbeat_at) > settings.stale_after_minutes * 60_000;
}

/** A nightly still running elsewhere: a second one would publish beside it. */
export class NightlyAlreadyRunningError extends Error {
  override readonly name = 'NightlyAlreadyRunningError';
  constructor(readonly run: NightlyRun) {
    super(
      `nightly run ${run.run_id} is still running (pid ${run.pid} on ${run.host}, last step at ${run.heartbeat_at}); ` +
        'one nightly at a time: wait for it, or end that process',
    );
  }
}

/**
 * Marks every `running` run whose process is gone as `interrupted` (its running step failed
 * with the reason) and returns their ids; throws NightlyAlreadyRunningError on a live one.
 */
export async function settleStaleRuns(
  docs: DocumentStore,
  now: Date,
  settings: NightlySettings,
): Promise<string[]> {
  const runs = nightlyRunsCollection(docs);
  const settled: string[] = [];
  for (const run of await runs.find({ status: 'running' })) {
    if (!isDead(run, now, settings)) throw new NightlyAlreadyRunningError(run);
    const reason = `interrupted: its process (pid ${run.pid} on ${run.host}) ended before the run finished; found by the next run at ${now.toISOString()}`;
    const steps = run.steps.map((s) =>
      s.status === 'running' ? { ...s, status: 'failed' as const, error: reason } : s,
    );
    const written = await runs.replaceIf(
      {
        ...run,
        status: 'interrupted',
        finished_at: now.toISOString(),
        steps,
        failed_steps: steps.filter((s) => s.status === 'failed').map((s) => s.name),
        error: reason,
      },
      run.revision ?? 1,
    );
    // Null: another run settled it first; either way it is no longer `running`.
    if (written) settled.push(run.run_id);
  }
  return settled;
}

/**
 * The one writer of a run's record: each change rewrites the document compare-and-set on the
 * revision it last wrote, so a record another process marked `interrupted` is never overwritten.
 */
export class RunRecorder {
  private constructor(
    private readonly runs: DocumentCollection<NightlyRun>,
    private current: NightlyRun,
  ) {}

  static async begin(
    docs: DocumentStore,
    init: { run_id: string; window: RunWindow; steps: readonly StepRecord[]; now: Date },
  ): Promise<RunRecorder> {
    const runs = nightlyRunsCollection(docs);
    const at = init.now.toISOString();
    const doc = await runs.insert({
      _id: init.run_id,
      run_id: init.run_id,
      status: 'running',
      started_at: at,
      finished_at: null,
      heartbeat_at: at,
      host: hostname(),
      pid: process.pid,
      window: init.window,
      steps: init.steps,
      failed_steps: [],
      error: null,
    });
    return new RunRecorder(runs, doc);
  }

  get run(): NightlyRun {
    return this.current;
  }

  /** Replaces one step's record (and beats the heartbeat). */
  async step(record: StepRecord): Promise<void> {
    await this.write({
      ...this.current,
      heartbeat_at: new Date().toISOString(),
      steps: this.current.steps.map((s) => (s.name === record.name ? record : s)),
    });
  }

  async finish(error: string | null = null): Promise<NightlyRun> {
    const failed = this.current.steps.filter((s) => s.status === 'failed').map((s) => s.name);
    const at = new Date().toISOString();
    await this.write({
      ...this.current,
      status: failed.length > 0 || error !== null ? 'failed' : 'ok',
      finished_at: at,
      heartbeat_at: at,
      failed_steps: failed,
      error,
    });
    return this.current;
  }

  private async write(next: NightlyRun): Promise<void> {
    const written = await this.runs.replaceIf(next, this.current.revision ?? 1);
    if (written === null) {
      throw new Error(
        `run record ${this.current.run_id} was changed by another process (another run marked it interrupted?); this run stops`,
      );
    }
    this.current = written;
  }
}
