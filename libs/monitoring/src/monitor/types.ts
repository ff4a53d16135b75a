import type { ServingFinding } from './serving-check';
import type { FeatureColumns, ReliabilityBin } from '@hirelearn/safeguards';

/** A prediction a model service logged (document collection `predictions`). */
export interface LoggedPrediction {
  readonly _id: string;
  readonly revision?: number;
  readonly model: string;
  readonly version: string | number;
  readonly user_id: string;
  readonly application_id: string;
  readonly inputs_hash: string;
  readonly probability: number;
  /**
   * Set on a day-one (cold-start) prediction: `probability` is the user's rate over their
   * first `horizon` applications (`application_id` is ''), and those applications score it.
   */
  readonly horizon?: number;
  /** ISO date-time. */
  readonly predicted_at: string;
}

/** A model version the monitor watches, as the registry describes it. */
export interface MonitoredVersion {
  readonly model: string;
  readonly version: string | number;
  readonly stage: 'shadow' | 'production';
  /**
   * The training distribution stored with the version, per feature (numbers or category
   * strings). Without it, drift is measured against the version's first scored window.
   */
  readonly reference?: FeatureColumns;
  /** When a production version entered production (RFC 3339); the serving check needs it. */
  readonly production_since?: string;
}

/**
 * What the monitor needs from the model registry: which versions serve, and a rollback that
 * records who asked and why. `@hirelearn/registry` is adapted to it in `registry-target.ts`.
 */
export interface RollbackTarget {
  monitoredVersions(): Promise<readonly MonitoredVersion[]>;
  /**
   * Moves `model`'s production back to its previous version, only if `expected_production`
   * (the version the monitor judged) is still the one in production: a compare-and-set, so a
   * monitor never rolls back a version someone already replaced. May throw when it cannot.
   */
  rollback(model: string, request: RollbackRequest): Promise<unknown>;
}

export interface RollbackRequest {
  readonly by: string;
  readonly reason: string;
  readonly expected_production: string | number;
}

/** Why a window is critical. */
export type CriticalReason = 'ece_above_threshold' | 'features_drifted' | 'concept_drift';

export interface FeatureDriftSummary {
  readonly feature: string;
  readonly status: 'ok' | 'degenerate';
  readonly test: 'ks' | 'chi_square' | null;
  readonly statistic: number | null;
  readonly p_value: number | null;
  readonly psi: number | null;
  readonly drifted: boolean;
}

/** Daily mean of the error stream |y − p|, for charts. */
export interface ErrorPoint {
  readonly day: string;
  readonly n: number;
  readonly mean_error: number;
}

/** Calibration, discrimination and drift of one model version over one window. */
export interface ModelHealth {
  readonly _id: string;
  readonly revision?: number;
  readonly model: string;
  readonly version: string | number;
  readonly stage: 'shadow' | 'production';
  /** ISO, inclusive. */
  readonly window_start: string;
  /** ISO, exclusive. */
  readonly window_end: string;
  readonly status: 'ok' | 'insufficient_data';
  readonly n_predictions: number;
  /** Predictions whose application has an outcome (interview reached, or closed without). */
  readonly n_labelled: number;
  readonly positive_rate: number | null;
  readonly mean_predicted: number | null;
  readonly ece: number | null;
  readonly mce: number | null;
  readonly brier: number | null;
  readonly log_loss: number | null;
  readonly auc: number | null;
  readonly auc_ci: readonly [number, number] | null;
  readonly reliability: readonly ReliabilityBin[];
  readonly drift_reference: 'training' | 'first_window';
  readonly drift: readonly FeatureDriftSummary[];
  readonly drifted_features: readonly string[];
  /** ISO times of concept-drift detections on the version's error stream inside this window. */
  readonly page_hinkley_detections: readonly string[];
  readonly adwin_detections: readonly string[];
  readonly error_by_day: readonly ErrorPoint[];
  readonly critical: readonly CriticalReason[];
}

/** What the monitor did for one version. */
export interface VersionVerdict {
  readonly model: string;
  readonly version: string | number;
  readonly stage: 'shadow' | 'production';
  readonly windows: number;
  readonly critical_windows: number;
  readonly evidence: string | null;
  readonly rollback: 'not_needed' | 'requested' | 'failed' | 'shadow_not_served';
  readonly rollback_message: string | null;
}

export interface MonitorRun {
  readonly status: 'ok';
  readonly versions: readonly VersionVerdict[];
  readonly health_reports: number;
  /** Production versions the services do not serve (`serving-check.ts`). */
  readonly serving: readonly ServingFinding[];
}
