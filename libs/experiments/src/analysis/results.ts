/** The spec's `ExperimentResults` and its parts: plain, serializable, snake_case. */
import { BayesianResult } from '../stats/bayesian';
import { CupedComparison } from '../stats/cuped';
import { FrequentistComparison, MetricKind } from '../stats/frequentist';
import { SequentialResult } from '../stats/sequential';
import { SrmCheck } from '../stats/srm';

export interface VariantSummary {
  readonly variant_id: string;
  readonly users: number;
  readonly expected_share: number;
  readonly observed_share: number;
}

/** One treatment against the control on one metric. */
export interface MetricComparison {
  readonly metric_id: string;
  readonly role: 'success' | 'guardrail';
  readonly kind: MetricKind;
  readonly higher_is_better: boolean;
  readonly variant_id: string;
  readonly unadjusted: FrequentistComparison;
  /** CUPED-adjusted beside the unadjusted result; null with `cuped_status` when not possible. */
  readonly cuped: CupedComparison | null;
  readonly cuped_status: string;
  /** Which of the two the decision used. */
  readonly primary: 'cuped' | 'unadjusted';
  readonly bayesian: BayesianResult;
  /** Always-valid interval of the unadjusted difference: safe to look at every night. */
  readonly sequential: SequentialResult;
  /** Always-valid interval of the relative lift (gbstats' sequential interval). */
  readonly sequential_relative_ci: readonly [number, number];
  /** Primary p-value corrected across every metric and treatment of the experiment. */
  readonly p_value_adjusted: number;
  /** Significant by the decision rule (sequential interval, or the corrected p-value). */
  readonly significant: boolean;
  /** Significant and in the good direction. */
  readonly improved: boolean;
  /** Significant and in the bad direction. */
  readonly harmed: boolean;
}

export type ResultsStatus =
  'ok' | 'no_facts' | 'no_exposures' | 'insufficient_data' | 'sample_ratio_mismatch';

export interface ExperimentResults {
  readonly experiment_id: string;
  readonly status: ResultsStatus;
  readonly reason: string;
  readonly analyzed_at: string;
  readonly control_variant: string;
  readonly variants: readonly VariantSummary[];
  /** Users analysed (single-variant exposures). */
  readonly sample_size: number;
  readonly multiple_exposures: number;
  readonly srm: SrmCheck | null;
  readonly metrics: readonly MetricComparison[];
  /** The variant that won on the success metric, or null. */
  readonly winner: string | null;
  readonly is_significant: boolean;
  /** Relative lift of the winner (or the best treatment) on the success metric. */
  readonly lift: number;
  readonly p_value: number;
  /** Chance to win of the winner (or the best treatment). */
  readonly confidence: number;
  /** Why no decision may rest on these results (empty when one may). */
  readonly decision_blocked_by: readonly string[];
  readonly recommendation: string;
}
