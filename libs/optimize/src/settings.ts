/**
 * The optimizers' thresholds, in one place (STYLE: thresholds in settings, not literals).
 * Each optimizer takes its own block; `optimizeSettings` overrides the defaults.
 */
import { DEFAULT_ATTRIBUTION_SETTINGS } from '@hirelearn/attribution';
import type { Confidence } from '@hirelearn/causal';
import type { ConsumingLayer, EvidenceKind } from './recommendation';

export interface RoutingSettings {
  /**
   * Lowest confidence at which a low-risk change backed by validated evidence is applied
   * without a person or a test, per consuming layer (spec 9.2: >= 0.8 for layer 6's weights).
   */
  readonly auto_apply_min_confidence: Readonly<Record<ConsumingLayer, number>>;
  /** Evidence that validated the change itself (an experiment, a held-out evaluation). */
  readonly validated_evidence: readonly EvidenceKind[];
  /** Lowest confidence worth an experiment; below it a person decides. */
  readonly a_b_test_min_confidence: number;
}

/** A grade of the attribution turned into a confidence (the grade is the evidence's summary). */
export type GradeConfidence = Readonly<Record<Confidence, number>>;

export interface CalibrationSettings {
  /** The spec's calibration error target (5.2): held-out ECE below it is calibrated. */
  readonly target_ece: number;
  /** Width (score points) of the buckets of the interview-rate table. */
  readonly bucket_width: number;
  /** Bins of the ECE; equal-mass, since interview rates sit in a narrow band of [0, 1]. */
  readonly ece_bins: number;
  /** Share of users held out to judge the new map (split by user with `seed`). */
  readonly holdout_fraction: number;
  readonly seed: number;
  /** Cluster (user) bootstrap resamples of the held-out ECE improvement. */
  readonly bootstrap: number;
  readonly alpha: number;
  /** The held-out ECE must fall by at least this much (as well as its interval excluding 0). */
  readonly min_improvement: number;
  readonly min_rows: number;
}

export interface TimingSettings {
  readonly alpha: number;
  /** Grades a within-user timing effect needs to be acted on (its interval must also exclude 0). */
  readonly actionable_grades: readonly Confidence[];
  /** The attribution's methods that compare a user with themselves (user fixed effects). */
  readonly within_user_methods: readonly string[];
}

export interface ThresholdSettings {
  /** Candidate thresholds, as offsets from the current one (score points). */
  readonly candidate_offsets: readonly number[];
  /**
   * The RD measures the mode's effect AT the cutoff only; a candidate further than this from it
   * rests on extrapolating that jump, and is shown in the sweep but never recommended.
   */
  readonly max_shift: number;
  /** Applications a user sends per planning period (scales the per-application jump). */
  readonly applications_per_user: number;
  /** Hours a user spends improving the resume before applying (the effort of the lower mode). */
  readonly improvement_hours: number;
  /** Hours of effort one interview is worth: weighs interviews against effort in the sweep. */
  readonly hours_per_interview: number;
  readonly actionable_grades: readonly Confidence[];
  /** The RD's treatment name in the attribution (attribution settings `rd.name`). */
  readonly rd_treatment: string;
}

export interface FitWeightSettings {
  /** Spec 5.3: the learned weights must raise held-out AUC by at least this much... */
  readonly min_auc_gain: number;
  /** ...and the largest change of one weight decides the risk: low up to this, */
  readonly low_risk_max_change: number;
  /** medium up to this, high beyond. */
  readonly medium_risk_max_change: number;
}

export interface ResumeEditSettings {
  /** Grades an edit's effect needs to be suggested (its interval must also exclude 0). */
  readonly actionable_grades: readonly Confidence[];
}

export interface OptimizeSettings {
  readonly routing: RoutingSettings;
  readonly grade_confidence: GradeConfidence;
  readonly calibration: CalibrationSettings;
  readonly timing: TimingSettings;
  readonly threshold: ThresholdSettings;
  readonly fit_weights: FitWeightSettings;
  readonly resume_edits: ResumeEditSettings;
}

export const DEFAULT_OPTIMIZE_SETTINGS: OptimizeSettings = Object.freeze({
  routing: Object.freeze({
    auto_apply_min_confidence: Object.freeze({ 2: 0.9, 5: 0.9, 6: 0.8 }),
    validated_evidence: Object.freeze([
      'experiment',
      'calibration_table',
      'model_version',
    ] as const),
    a_b_test_min_confidence: 0.5,
  }),
  grade_confidence: Object.freeze({ HIGH: 0.9, MEDIUM: 0.6, LOW: 0.2 }),
  calibration: Object.freeze({
    target_ece: 0.02,
    bucket_width: 10,
    ece_bins: 10,
    holdout_fraction: 0.3,
    seed: 1,
    bootstrap: 200,
    alpha: 0.05,
    min_improvement: 0.005,
    min_rows: 500,
  }),
  timing: Object.freeze({
    alpha: 0.05,
    // HIGH only: eleven timing treatments are tested each night and none is planted, so a
    // MEDIUM one (q <= 0.05 but p > 0.001) is a chance finding about once a run.
    actionable_grades: Object.freeze(['HIGH'] as const),
    within_user_methods: Object.freeze(['within_unit']),
  }),
  threshold: Object.freeze({
    candidate_offsets: Object.freeze([-10, -5, -2, 0, 2, 5, 10]),
    max_shift: 5,
    applications_per_user: 10,
    improvement_hours: 3,
    hours_per_interview: 20,
    actionable_grades: Object.freeze(['HIGH', 'MEDIUM'] as const),
    rd_treatment: DEFAULT_ATTRIBUTION_SETTINGS.rd.name,
  }),
  fit_weights: Object.freeze({
    min_auc_gain: 0.01,
    low_risk_max_change: 0.1,
    medium_risk_max_change: 0.25,
  }),
  resume_edits: Object.freeze({ actionable_grades: Object.freeze(['HIGH', 'MEDIUM'] as const) }),
});

/** Frozen settings: the defaults with each given block merged over its default. */
export function optimizeSettings(
  overrides: { readonly [K in keyof OptimizeSettings]?: Partial<OptimizeSettings[K]> } = {},
): OptimizeSettings {
  const d = DEFAULT_OPTIMIZE_SETTINGS;
  const merged = Object.fromEntries(
    (Object.keys(d) as (keyof OptimizeSettings)[]).map((k) => [
      k,
      Object.freeze({ ...d[k], ...(overrides[k] ?? {}) }),
    ]),
  );
  return Object.freeze(merged) as unknown as OptimizeSettings;
}
