/**
 * The nightly's steps and how they run: in the order given, each after the steps it needs;
 * a step whose dependency did not succeed is skipped with the dependency named, and a failing
 * step is recorded with its error while the steps independent of it still run.
 */
import type { JsonValue, RunRecorder, StepRecord } from './run-record';

/** What a step hands back: its value for later steps and what the run record keeps of it. */
export interface StepOutcome<T = unknown> {
  readonly value: T;
  readonly produced?: readonly string[];
  readonly summary?: { readonly [key: string]: JsonValue };
  readonly findings?: readonly string[];
}

/** Values of the steps that succeeded, by step name. */
export type StepValues = ReadonlyMap<string, unknown>;

export interface NightlyStep {
  readonly name: string;
  readonly needs: readonly string[];
  /**
   * Does the work. Anything published to another system is published last, compare-and-set,
   * so a run killed inside a step leaves nothing half-published.
   */
  run(values: StepValues): Promise<StepOutcome>;
}

/** Progress as the run goes (the CLI writes it on stderr). */
export type StepProgress = (event: {
  readonly step: string;
  readonly status: 'running' | 'ok' | 'failed' | 'skipped';
  readonly message: string;
}) => void;

/** A step's record before it runs. */
export function pendingStep(step: NightlyStep): StepRecord {
  return {
    name: step.name,
    needs: [...step.needs],
    status: 'pending',
    started_at: null,
    finished_at: null,
    duration_ms: null,
    produced: [],
    summary: {},
    findings: [],
    error: null,
  };
}

/** Every need names an earlier step (so the order given is one the steps can run in). */
export function checkStepOrder(steps: readonly NightlyStep[]): void {
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.name)) throw new Error(`step '${s.name}' is declared twice`);
    for (const n of s.needs) {
      if (!seen.has(n)) {
        throw new Error(`step '${s.name}' needs '${n}', which is not an earlier step`);
      }
    }
    seen.add(s.name);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs the steps in order, recording each; returns the values of those that succeeded. */
export async function runSteps(
  steps: readonly NightlyStep[],
  recorder: RunRecorder,
  progress: StepProgress = () => undefined,
): Promise<StepValues> {
  checkStepOrder(steps);
  const values = new Map<string, unknown>();
  for (const step of steps) {
    const base = pendingStep(step);
    const missing = step.needs.filter((n) => !values.has(n));
    if (missing.length > 0) {
      const error = `skipped: needs ${missing.join(', ')}, which did not succeed`;
      await recorder.step({ ...base, status: 'skipped', error });
      progress({ step: step.name, status: 'skipped', message: error });
      continue;
    }
    const started = new Date();
    await recorder.step({ ...base, status: 'running', started_at: started.toISOString() });
    progress({ step: step.name, status: 'running', message: 'started' });
    const t0 = performance.now();
    const timing = () => ({
      started_at: started.toISOString(),
      finished_at: new Date().toISOString(),
      duration_ms: Math.round(performance.now() - t0),
    });
    let outcome: StepOutcome;
    try {
      outcome = await step.run(values);
    } catch (e) {
      const error = errorText(e);
      await recorder.step({ ...base, ...timing(), status: 'failed', error });
      progress({ step: step.name, status: 'failed', message: error });
      continue;
    }
    const record: StepRecord = {
      ...base,
      ...timing(),
      status: 'ok',
      produced: [...(outcome.produced ?? [])],
      summary: outcome.summary ?? {},
      findings: [...(outcome.findings ?? [])],
    };
    await recorder.step(record);
    values.set(step.name, outcome.value);
    const found = record.findings.length > 0 ? `; ${record.findings.length} finding(s)` : '';
    progress({
      step: step.name,
      status: 'ok',
      message: `done in ${((record.duration_ms ?? 0) / 1000).toFixed(1)} s${found}`,
    });
  }
  return values;
}
