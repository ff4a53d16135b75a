/** The spec's thresholds for experiments, as one frozen settings object. */
import { DEFAULT_ETHICS_GATE_SETTINGS, EthicsGateSettings } from '@hirelearn/safeguards';
import { DEFAULT_SEQUENTIAL_SETTINGS, SequentialSettings } from './stats/sequential';

export type MultipleTestingCorrection = 'benjamini_hochberg' | 'bonferroni' | 'none';

export interface ExperimentSettings {
  /** Significance level of every test. */
  readonly alpha: number;
  /** Users per variant before any automatic decision (spec: 200). */
  readonly min_users_per_variant: number;
  /** SRM chi-square p below this blocks every decision. */
  readonly srm_threshold: number;
  readonly correction: MultipleTestingCorrection;
  /** Decide on the always-valid interval (safe under nightly peeking) instead of the fixed-horizon p. */
  readonly sequential: boolean;
  readonly sequential_settings: SequentialSettings;
  /** Chance to win the Bayesian engine must reach as a further rollout check. */
  readonly min_chance_to_win: number;
  /** Coverage steps of a ramp. */
  readonly ramp_steps: readonly number[];
  /** Days before an exposure that form the CUPED pre-period. */
  readonly pre_period_days: number;
  readonly bayesian_draws: number;
  readonly seed: number;
  readonly ethics: EthicsGateSettings;
}

export const DEFAULT_EXPERIMENT_SETTINGS: ExperimentSettings = Object.freeze({
  alpha: 0.05,
  min_users_per_variant: 200,
  srm_threshold: 0.001,
  correction: 'benjamini_hochberg',
  sequential: true,
  sequential_settings: DEFAULT_SEQUENTIAL_SETTINGS,
  min_chance_to_win: 0.95,
  ramp_steps: Object.freeze([0.1, 0.5, 1]),
  pre_period_days: 60,
  bayesian_draws: 20000,
  seed: 1,
  ethics: DEFAULT_ETHICS_GATE_SETTINGS,
}) as ExperimentSettings;

/** Defaults overridden by `overrides`, frozen. */
export function experimentSettings(
  overrides: Partial<ExperimentSettings> = {},
): ExperimentSettings {
  return Object.freeze({ ...DEFAULT_EXPERIMENT_SETTINGS, ...overrides });
}
