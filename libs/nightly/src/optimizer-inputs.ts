/**
 * What the pure optimizers of libs/optimize read, gathered by the nightly: the applications
 * of the window with their resume score and outcome, the window's interview rate, and the
 * configuration each consuming layer has in force (the `current_value` of a recommendation).
 */
import { reachedInterviewBefore, windowBounds, type AnalysisWindow } from '@hirelearn/attribution';
import {
  CONFIG_LAYERS,
  type ConfigChannel,
  type ConfigLayer,
  type ConfigVersion,
} from '@hirelearn/config';
import type { SqlSource } from '@hirelearn/monitoring';
import {
  IDENTITY_SCORE_MAP,
  type ScoreCalibrationMap,
  type ScoredOutcome,
} from '@hirelearn/optimize';

export interface WindowOutcomes {
  readonly rows: readonly ScoredOutcome[];
  /** Share of the window's applications that reached interview (null when there is none). */
  readonly interview_rate: number | null;
}

/** The window's submitted applications: user, resume score, interview as known before `until`. */
export async function loadWindowOutcomes(
  source: SqlSource,
  window: AnalysisWindow,
): Promise<WindowOutcomes> {
  const [since, until] = windowBounds(window);
  const rows = await source.rows(
    `SELECT user_id, resume_score::DOUBLE AS resume_score,
       ${reachedInterviewBefore('$2')} AS reached_interview
     FROM applications
     WHERE submitted_at IS NOT NULL AND resume_score IS NOT NULL
       AND submitted_at >= $1::TIMESTAMP AND submitted_at < $2::TIMESTAMP
     ORDER BY application_id`,
    [since, until],
  );
  const scored = rows.map((r) => ({
    user_id: String(r.user_id),
    resume_score: Number(r.resume_score),
    reached_interview: r.reached_interview === true,
  }));
  const interviews = scored.filter((r) => r.reached_interview).length;
  return { rows: scored, interview_rate: scored.length > 0 ? interviews / scored.length : null };
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

/** Layer 2's resume-score calibration as the calibration optimizer reads it (raw scores when null). */
export function scoreMapOf(layer2: ConfigVersion): ScoreCalibrationMap {
  const points = (layer2.config as { resume_score_calibration?: unknown }).resume_score_calibration;
  if (!Array.isArray(points) || points.length === 0) return IDENTITY_SCORE_MAP;
  return {
    knots: (points as { score: number; rate: number }[]).map((p) => ({
      score: p.score,
      probability: p.rate,
    })),
  };
}
