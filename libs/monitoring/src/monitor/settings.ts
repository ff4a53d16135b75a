import type { AdwinSettings, PageHinkleySettings } from '@hirelearn/safeguards';

/** Features the monitor reads from the `applications` facts for drift (numbers or strings). */
export const DEFAULT_MONITOR_FEATURES = Object.freeze([
  'fit_score',
  'resume_score',
  'fit_technical',
  'fit_seniority',
  'fit_experience',
  'fit_signal',
  'category',
  'strategy_mode',
]);

/** Thresholds of the monitor (spec 15: ECE > 0.2, 3+ drifted features, concept drift). */
export interface MonitorSettings {
  readonly window_days: number;
  /** Windows start every `step_days` (rolling when smaller than `window_days`). */
  readonly step_days: number;
  /** Fewer labelled predictions than this: the window is `insufficient_data`, never critical. */
  readonly min_labelled: number;
  /** A prediction is labelled once its application is this many days old (the ghosting delay). */
  readonly label_after_days: number;
  readonly ece_bins: number;
  readonly ece_critical: number;
  readonly drifted_features_critical: number;
  readonly drift_alpha: number;
  /**
   * AUC and the drift tests run on an evenly strided sample of at most this many rows per
   * window: their cost grows as n log n, and past a few hundred thousand rows a KS test flags
   * differences nobody cares about anyway. ECE, Brier and log loss always use every row.
   */
  readonly max_rows_per_test: number;
  readonly features: readonly string[];
  readonly page_hinkley: Partial<PageHinkleySettings>;
  readonly adwin: Partial<AdwinSettings>;
  /**
   * Which detectors must flag a rise of the error stream for concept drift: both by default,
   * since a rollback is costly and two detectors with different assumptions agreeing is
   * stronger evidence than either alone.
   */
  readonly concept_drift_rule: 'page_hinkley' | 'adwin' | 'either' | 'both';
  /** Who the registry records as asking for the rollback. */
  readonly actor: string;
  /**
   * How long after a promotion predictions may still come from the previous version (a
   * service fetches and loads the new one first) before `production_not_served` is raised.
   */
  readonly serve_switch_grace_ms: number;
}

export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = Object.freeze({
  window_days: 28,
  step_days: 14,
  min_labelled: 100,
  label_after_days: 30,
  ece_bins: 10,
  ece_critical: 0.2,
  drifted_features_critical: 3,
  drift_alpha: 0.05,
  max_rows_per_test: 50_000,
  features: DEFAULT_MONITOR_FEATURES,
  page_hinkley: Object.freeze({}),
  adwin: Object.freeze({}),
  concept_drift_rule: 'both',
  actor: 'drift-monitor',
  serve_switch_grace_ms: 60_000,
});

export function monitorSettings(overrides: Partial<MonitorSettings> = {}): MonitorSettings {
  return Object.freeze({ ...DEFAULT_MONITOR_SETTINGS, ...overrides });
}
