/**
 * What the pure optimizers of libs/optimize read, gathered by the nightly: the applications
 * of the window (resume score, submission time, response and interview as known before the
 * window's end), each active user's latest resume score, and the configuration each consuming
 * layer has in force (the `current_value` of a recommendation).
 */
import type { AnalysisWindow } from '@hirelearn/attribution';
import {
  CONFIG_LAYERS,
  parameterValue,
  type ConfigChannel,
  type ConfigLayer,
  type ConfigVersion,
  type FitWeightsConfig,
  type PlanningConfig,
  type StrategyEngineConfig,
} from '@hirelearn/config';
import type { SqlSource } from '@hirelearn/store';
import {
  TIMING_PARAMETERS,
  type ScoreCalibrationMap,
  type ScoredOutcome,
  type TimedApplication,
  type TimingParameter,
} from '@hirelearn/optimize';
import { windowApplications } from './queries';

export interface WindowOutcomes {
  /** Applications with a resume score (the calibration's rows). */
  readonly rows: readonly ScoredOutcome[];
  /** Every submitted application with its time and outcome (the timing optimizer's rows). */
  readonly timed: readonly TimedApplication[];
  /** Each user's latest resume score in the window: the scores the mode threshold decides on. */
  readonly latest_scores: readonly number[];
  /** Share of the window's applications that reached interview (null when there is none). */
  readonly interview_rate: number | null;
  /** The ids of the window's applications (the fit-weight learner's rows are these). */
  readonly application_ids: ReadonlySet<string>;
}

/** The window's submitted applications, with their outcomes as known before `until`. */
export async function loadWindowOutcomes(
  source: SqlSource,
  window: AnalysisWindow,
): Promise<WindowOutcomes> {
  const rows = await windowApplications(source, window);
  const scored: ScoredOutcome[] = [];
  const latest = new Map<string, { at: string; score: number }>();
  for (const r of rows) {
    if (r.resume_score === null) continue;
    scored.push({
      user_id: r.user_id,
      resume_score: r.resume_score,
      reached_interview: r.reached_interview,
    });
    if ((latest.get(r.user_id)?.at ?? '') <= r.submitted_at)
      latest.set(r.user_id, { at: r.submitted_at, score: r.resume_score });
  }
  const timed = rows.map((r) => ({
    user_id: r.user_id,
    submitted_at: r.submitted_at,
    responded: r.responded,
    reached_interview: r.reached_interview,
  }));
  const interviews = timed.filter((r) => r.reached_interview).length;
  return {
    rows: scored,
    timed,
    latest_scores: [...latest.values()].map((l) => l.score),
    interview_rate: timed.length > 0 ? interviews / timed.length : null,
    application_ids: new Set(rows.map((r) => r.application_id)),
  };
}

/** The version in force of every consuming layer. */
export async function currentConfigs(
  channel: ConfigChannel,
): Promise<Readonly<Record<ConfigLayer, ConfigVersion>>> {
  const entries = await Promise.all(
    CONFIG_LAYERS.map(async (l) => [l, await channel.current(l)] as const),
  );
  return Object.fromEntries(entries) as Record<ConfigLayer, ConfigVersion>;
}

/** Layer 2's resume-score calibration, the calibration optimizer's map as the channel publishes it. */
export function scoreMapOf(layer2: ConfigVersion): ScoreCalibrationMap {
  return (layer2.config as StrategyEngineConfig).score_calibration_map;
}

/** Layer 2's mode threshold (the strategy threshold of 11.2). */
export function modeThresholdOf(layer2: ConfigVersion): number {
  return (layer2.config as StrategyEngineConfig).mode_threshold;
}

/** The edits layer 2 suggests now, in its order of priority. */
export function suggestedEditsOf(layer2: ConfigVersion): string[] {
  return [...(layer2.config as StrategyEngineConfig).resume_edit_priority];
}

/** Layer 2's aggressive threshold: the mode threshold must stay below it. */
export function aggressiveThresholdOf(layer2: ConfigVersion): number {
  return (layer2.config as StrategyEngineConfig).aggressive_threshold;
}

/** Layer 5's submission hours in force. */
export function submissionHoursOf(layer5: ConfigVersion): PlanningConfig['submission_hours'] {
  return (layer5.config as PlanningConfig).submission_hours;
}

/** Layer 6's fit weights in force: the baseline a learned candidate must beat. */
export function fitWeightsOf(layer6: ConfigVersion): FitWeightsConfig['weights'] {
  return (layer6.config as FitWeightsConfig).weights;
}

/** Layer 5's timing parameters in force (those its config holds). */
export function timingOf(layer5: ConfigVersion): Partial<Record<TimingParameter, string[]>> {
  const out: Partial<Record<TimingParameter, string[]>> = {};
  for (const p of TIMING_PARAMETERS) {
    const v = parameterValue(layer5.config, p);
    if (Array.isArray(v)) out[p] = v.map(String);
  }
  return out;
}
