/**
 * One nightly run: quality gate → attribution → optimizers → recommendations (saved, routed,
 * auto-applied ones published), beside the ramp of running experiments, the monitor pass and
 * the feedback-loop check, which need nothing of the others; last, the quality of what was
 * delivered. Recorded in `nightly_runs`.
 */
import type { AnalysisWindow } from '@hirelearn/attribution';
import type { DocumentStore, EventStore } from '@hirelearn/store';
import {
  attributionStep,
  feedbackStep,
  monitorStep,
  qualityGateStep,
  rampStep,
  type NightlyContext,
} from './core-steps';
import { newRunId, RunRecorder, settleStaleRuns, type NightlyRun } from './run-record';
import { nightlySettings, type NightlySettings } from './settings';
import { pendingStep, runSteps, type NightlyStep, type StepProgress } from './steps';
import { optimizeStep, recommendationsStep } from './optimize-steps';
import { personalizeStep } from './personalize-step';
import { insightQualityStep } from './insight-quality-step';

export interface NightlyOptions {
  readonly events: EventStore;
  readonly documents: DocumentStore;
  readonly window?: AnalysisWindow;
  readonly now?: Date;
  readonly settings?: Partial<NightlySettings>;
  readonly monitor: NightlyContext['monitor'];
  readonly on_progress?: StepProgress;
  readonly on_attribution_progress?: NightlyContext['on_attribution_progress'];
  readonly attribution_worker_script?: string;
  readonly on_personalize_progress?: NightlyContext['on_personalize_progress'];
  /** Called once the run record exists, with the ids of the stale runs it marked interrupted. */
  readonly on_start?: (runId: string, interrupted: readonly string[]) => void;
}

/** The steps of a run, in an order that respects their needs. */
export function nightlySteps(ctx: NightlyContext): NightlyStep[] {
  return [
    qualityGateStep(ctx),
    attributionStep(ctx),
    optimizeStep(ctx),
    recommendationsStep(ctx),
    rampStep(ctx),
    monitorStep(ctx),
    feedbackStep(ctx),
    personalizeStep(ctx),
    insightQualityStep(ctx),
  ];
}

/** Runs the nightly once and returns its final record (status `ok` or `failed`). */
export async function runNightly(options: NightlyOptions): Promise<NightlyRun> {
  const now = options.now ?? new Date();
  const settings = nightlySettings(options.settings);
  const interrupted = await settleStaleRuns(options.documents, now, settings);
  const window = {
    since: options.window?.since ?? null,
    until: options.window?.until ?? null,
  };
  const ctx: NightlyContext = {
    run_id: newRunId(now),
    events: options.events,
    documents: options.documents,
    window,
    now,
    settings,
    monitor: options.monitor,
    on_attribution_progress: options.on_attribution_progress,
    attribution_worker_script: options.attribution_worker_script,
    on_personalize_progress: options.on_personalize_progress,
  };
  const steps = nightlySteps(ctx);
  const recorder = await RunRecorder.begin(options.documents, {
    run_id: ctx.run_id,
    window,
    steps: steps.map(pendingStep),
    now,
  });
  options.on_start?.(ctx.run_id, interrupted);
  try {
    await runSteps(steps, recorder, options.on_progress);
  } catch (e) {
    // Only the record itself failing gets here (a step's error is the step's record).
    return recorder.finish(e instanceof Error ? e.message : String(e));
  }
  return recorder.finish();
}
