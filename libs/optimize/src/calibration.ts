/**
 * Resume-score calibration (spec 5.2): does the resume score, read through the current
 * score → interview-probability map, say how likely an interview is? The optimizer tabulates
 * the interview rate by score bucket (Wilson intervals), fits a monotone map on one part of the
 * users (isotonic regression by pool-adjacent-violators, weighted by the applications at each
 * score), and judges it on the others: it recommends the new map only when the held-out
 * calibration error (ECE, libs/safeguards) falls by at least `min_improvement` with a
 * user-cluster bootstrap interval of the fall excluding 0. A calibrated score is no_change.
 */
import { calibrate, splitByUser, type Calibrator } from '@hirelearn/ml';
import { calibrationError } from '@hirelearn/safeguards';
import {
  bootstrap,
  createRng,
  normalCdf,
  poolAdjacentViolators,
  wilsonInterval,
} from '@hirelearn/stats';
import { buildRecommendation } from './build';
import { contentId } from './content-id';
import type { OptimizerResult } from './recommendation';
import { DEFAULT_OPTIMIZE_SETTINGS, type OptimizeSettings } from './settings';

/** One application: its user, the resume score it went out with, whether it reached interview. */
export interface ScoredOutcome {
  readonly user_id: string;
  readonly resume_score: number;
  readonly reached_interview: boolean;
}

/** Score → interview probability: linear between knots (sorted by score), flat beyond them. */
export type ScoreCalibrationMap = {
  readonly knots: readonly { readonly score: number; readonly probability: number }[];
};

/** score/100: the map a score on the 0-100 scale implies when nothing was calibrated. */
export const IDENTITY_SCORE_MAP: ScoreCalibrationMap = Object.freeze({
  knots: Object.freeze([
    Object.freeze({ score: 0, probability: 0 }),
    Object.freeze({ score: 100, probability: 1 }),
  ]),
});

export interface CalibrationInput {
  readonly rows: readonly ScoredOutcome[];
  readonly current_map: ScoreCalibrationMap;
}

export interface ScoreBucket {
  readonly lo: number;
  /** Exclusive, except the last bucket's. */
  readonly hi: number;
  readonly n: number;
  readonly interviews: number;
  readonly interview_rate: number;
  readonly interval: readonly [number, number];
  /** Mean probability the current map gives the bucket's applications. */
  readonly current_predicted: number;
  /** The same under the recommended map (null when none was fitted). */
  readonly fitted_predicted: number | null;
}

export interface ScoreCalibrationAnalysis {
  readonly buckets: readonly ScoreBucket[];
  readonly target_ece: number;
  readonly n_train: number;
  readonly n_test: number;
  /** Held-out ECE of the current map and of the map fitted on the training users. */
  readonly current_ece: number | null;
  readonly fitted_ece: number | null;
  /** current_ece − fitted_ece with its bootstrap interval (users resampled). */
  readonly improvement: {
    readonly estimate: number;
    readonly interval: readonly [number, number];
  } | null;
  readonly fitted_map: ScoreCalibrationMap | null;
}

const toCalibrator = (m: ScoreCalibrationMap): Calibrator => ({
  method: 'isotonic',
  thresholds: m.knots.map((k) => k.score),
  values: m.knots.map((k) => k.probability),
});

/** The probability `map` gives `score`. */
export function mapScore(map: ScoreCalibrationMap, score: number): number {
  return calibrate(toCalibrator(map), score);
}

/**
 * The monotone map closest to the outcomes in squared error: the applications grouped by
 * score (ties pooled), PAV weighted by their counts, each block a knot at its mean score.
 */
export function fitScoreMap(rows: readonly ScoredOutcome[]): ScoreCalibrationMap {
  const byScore = new Map<number, [number, number]>();
  for (const r of rows) {
    const s = byScore.get(r.resume_score) ?? [0, 0];
    s[0] += r.reached_interview ? 1 : 0;
    s[1] += 1;
    byScore.set(r.resume_score, s);
  }
  const scores = [...byScore.keys()].sort((a, b) => a - b);
  const counts = scores.map((s) => byScore.get(s)!);
  const blocks = poolAdjacentViolators(
    counts.map(([x, n]) => x / n),
    counts.map(([, n]) => n),
  );
  const knots = blocks.map((b) => {
    let sum = 0;
    for (let k = b.start; k < b.end; k++) sum += scores[k] * counts[k][1];
    return Object.freeze({ score: sum / b.weight, probability: b.value });
  });
  // A knot inside a flat run changes nothing between its neighbours: the map keeps the run's ends.
  const kept = knots.filter(
    (k, i) =>
      i === 0 ||
      i === knots.length - 1 ||
      k.probability !== knots[i - 1].probability ||
      k.probability !== knots[i + 1].probability,
  );
  return Object.freeze({ knots: Object.freeze(kept) });
}

function checkRows(rows: readonly ScoredOutcome[]): void {
  rows.forEach((r, i) => {
    if (!Number.isFinite(r.resume_score) || r.resume_score < 0 || r.resume_score > 100) {
      throw new RangeError(
        `rows[${i}].resume_score must be a number in [0, 100], got ${r.resume_score}`,
      );
    }
  });
}

function checkMap(m: ScoreCalibrationMap): void {
  if (m.knots.length === 0) throw new RangeError('current_map.knots must hold at least one knot');
  m.knots.forEach((k, i) => {
    if (!(k.probability >= 0 && k.probability <= 1)) {
      throw new RangeError(
        `current_map.knots[${i}].probability must be in [0, 1], got ${k.probability}`,
      );
    }
    if (i > 0 && !(k.score >= m.knots[i - 1].score)) {
      throw new RangeError(`current_map.knots[${i}].score must not be below the knot before it`);
    }
  });
}

function bucketTable(
  rows: readonly ScoredOutcome[],
  current: ScoreCalibrationMap,
  fitted: ScoreCalibrationMap | null,
  width: number,
  alpha: number,
): ScoreBucket[] {
  const out: ScoreBucket[] = [];
  for (let lo = 0; lo < 100; lo += width) {
    const hi = Math.min(100, lo + width);
    const last = hi >= 100;
    const inB = rows.filter(
      (r) => r.resume_score >= lo && (last ? r.resume_score <= hi : r.resume_score < hi),
    );
    if (inB.length === 0) continue;
    const x = inB.filter((r) => r.reached_interview).length;
    const w = wilsonInterval(x, inB.length, alpha);
    const meanOf = (m: ScoreCalibrationMap) =>
      inB.reduce((a, r) => a + mapScore(m, r.resume_score), 0) / inB.length;
    out.push({
      lo,
      hi,
      n: inB.length,
      interviews: x,
      interview_rate: x / inB.length,
      interval: [w.lower, w.upper],
      current_predicted: meanOf(current),
      fitted_predicted: fitted === null ? null : meanOf(fitted),
    });
  }
  return out;
}

export function optimizeScoreCalibration(
  input: CalibrationInput,
  settings: OptimizeSettings = DEFAULT_OPTIMIZE_SETTINGS,
): OptimizerResult<ScoreCalibrationAnalysis> {
  const s = settings.calibration;
  checkRows(input.rows);
  checkMap(input.current_map);
  const rows = input.rows;
  const [trainIdx, testIdx] = splitByUser(
    rows.map((r) => r.user_id),
    [1 - s.holdout_fraction, s.holdout_fraction],
    s.seed,
  );
  const train = trainIdx.map((i) => rows[i]);
  const test = testIdx.map((i) => rows[i]);
  const y = (rs: readonly ScoredOutcome[]) => rs.map((r) => (r.reached_interview ? 1 : 0));
  const bothClasses = (rs: readonly ScoredOutcome[]) => new Set(y(rs)).size === 2;
  const base = { target_ece: s.target_ece, n_train: train.length, n_test: test.length };
  if (rows.length < s.min_rows || !bothClasses(train) || !bothClasses(test)) {
    return Object.freeze({
      status: 'insufficient_data',
      reasons: [
        `${rows.length} scored applications (need ${s.min_rows}) with interviews and non-interviews among both the training and the held-out users`,
      ],
      analysis: {
        ...base,
        buckets: bucketTable(rows, input.current_map, null, s.bucket_width, s.alpha),
        current_ece: null,
        fitted_ece: null,
        improvement: null,
        fitted_map: null,
      },
      recommendations: [],
    });
  }
  const fitted = fitScoreMap(train);
  const ece = (m: ScoreCalibrationMap, rs: readonly ScoredOutcome[]) => {
    const e = calibrationError(
      rs.map((r) => mapScore(m, r.resume_score)),
      y(rs),
      { bins: s.ece_bins, strategy: 'equal_mass' },
    );
    return e.status === 'ok' ? e.ece : NaN;
  };
  const currentEce = ece(input.current_map, test);
  const fittedEce = ece(fitted, test);
  const boot = bootstrap(test, {
    statistic: (rs) => ece(input.current_map, rs) - ece(fitted, rs),
    rng: createRng(`${s.seed}/score-calibration`),
    B: s.bootstrap,
    alpha: s.alpha,
    clusters: test.map((r) => r.user_id),
    bca: false,
  });
  const improvement = {
    estimate: currentEce - fittedEce,
    interval: [boot.percentile.lower, boot.percentile.upper] as const,
  };
  const buckets = bucketTable(rows, input.current_map, fitted, s.bucket_width, s.alpha);
  const analysis: ScoreCalibrationAnalysis = {
    ...base,
    buckets,
    current_ece: currentEce,
    fitted_ece: fittedEce,
    improvement,
    fitted_map: fitted,
  };
  const e4 = (x: number) => x.toFixed(4);
  const measured = `held-out ECE ${e4(currentEce)} (current map) vs ${e4(fittedEce)} (fitted), fall ${e4(improvement.estimate)} [${e4(improvement.interval[0])}, ${e4(improvement.interval[1])}]`;
  if (!(improvement.estimate >= s.min_improvement && improvement.interval[0] > 0)) {
    const calibrated =
      currentEce < s.target_ece ? `; the current map meets the target ECE < ${s.target_ece}` : '';
    return Object.freeze({
      status: 'no_change',
      reasons: [
        `${measured}: the fall must be >= ${s.min_improvement} with its interval excluding 0${calibrated}`,
      ],
      analysis,
      recommendations: [],
    });
  }
  const evidenceId = contentId('calibration_table', {
    buckets,
    current_ece: currentEce,
    fitted_ece: fittedEce,
  });
  const target =
    fittedEce < s.target_ece
      ? `the fitted map meets the target ECE < ${s.target_ece}`
      : `the fitted map still misses the target ECE < ${s.target_ece}`;
  const rec = buildRecommendation(
    {
      component: 'resume_scoring',
      layer: 2,
      parameter: 'score_calibration_map',
      current_value: input.current_map,
      recommended_value: fitted,
      expected_impact: {
        metric: 'held_out_calibration_error_reduction',
        estimate: improvement.estimate,
        interval: improvement.interval,
        unit: 'ece',
      },
      evidence: [
        {
          kind: 'calibration_table',
          id: evidenceId,
          summary: `interview rate by score bucket over ${rows.length} applications; ${measured}`,
        },
      ],
      // The bootstrap's normal approximation of P(the held-out error falls).
      confidence: boot.se > 0 ? normalCdf(improvement.estimate / boot.se) : 1,
      // A monotone map changes how a score is read, never the order of two resumes.
      risk: 'low',
      testable: true,
      reasons: [measured, target],
    },
    settings.routing,
  );
  return Object.freeze({
    status: 'ok',
    reasons: [measured, target],
    analysis,
    recommendations: [rec],
  });
}
