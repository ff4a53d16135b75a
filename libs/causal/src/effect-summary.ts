/**
 * What an effect estimate reports to people, shared by the nightly attribution and the engine
 * on any table (table/estimate.ts): the summary's fields, the key of each estimator's estimate
 * and the recommendation that follows the grade and the sign.
 */
import type { Confidence } from './grading';
import type { EffectEstimate } from './types';

export interface NaiveComparison {
  readonly ate: number | null;
  readonly confidence_interval: readonly [number, number] | null;
  readonly p_value: number | null;
}

export interface InstrumentSummary {
  readonly name: string;
  readonly estimate: number | null;
  readonly confidence_interval: readonly [number, number] | null;
  readonly first_stage_f: number | null;
  readonly weak_instrument: boolean;
  readonly estimand: 'LATE';
}

export interface RefutationSummary {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
  readonly values: Readonly<Record<string, number>>;
}

/**
 * The fields of an estimated effect, as the nightly's `CausalEffect` (libs/attribution) and
 * `estimateOnTable` report it: the primary estimate with its evidence, the other estimators
 * beside it, the naive difference, the grade and what to do.
 */
export interface EffectSummary {
  readonly treatment: string;
  readonly outcome: string;
  readonly status: string;
  /** The average effect on the outcome (for a probability, 0.04 = +4 points). */
  readonly ate: number | null;
  readonly att: number | null;
  readonly std_error: number | null;
  readonly confidence_interval: readonly [number, number] | null;
  readonly p_value: number | null;
  readonly q_value: number | null;
  readonly causal_confidence: Confidence;
  readonly method: string;
  /**
   * What `ate` and `confidence_interval` are: the primary's method, or 'span:aipw+did' (…+iv_2sls)
   * when a design-based estimate disagreed with the adjusted one (libs/attribution's headline).
   */
  readonly headline_method: string;
  /** Why that headline: the designs compared and what they said. */
  readonly headline_reason: string;
  /** Method → estimate (null when that estimator could not run). */
  readonly estimates: Readonly<Record<string, number | null>>;
  readonly naive: NaiveComparison;
  readonly instrument: InstrumentSummary | null;
  readonly sample_size: number;
  readonly treatment_group_size: number;
  readonly control_group_size: number;
  readonly adjustment_set: readonly string[];
  readonly refutations: readonly RefutationSummary[];
  readonly reasons: readonly string[];
  readonly recommendation: string;
}

const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;

/** The key of an estimate in `estimates`: the method, with the estimand when it is not the ATE. */
export function estimateKey(e: EffectEstimate): string {
  if (e.method === 'ipw_hajek') return e.estimand === 'ATT' ? 'ipw_att' : 'ipw';
  return e.method;
}

/**
 * What to do about the treatment, following the grade and the sign; `unit` words a size of the
 * outcome (default: a difference of probabilities in points).
 */
export function recommendation(
  name: string,
  confidence: Confidence,
  primary: EffectEstimate,
  outcome: string,
  unit: (x: number) => string = pts,
): string {
  if (primary.status !== 'ok') return `no conclusion on ${name}: ${primary.status}`;
  const significant = primary.ci[0] > 0 || primary.ci[1] < 0;
  const size = `${unit(primary.estimate)} on ${outcome}`;
  if (confidence === 'HIGH') {
    return primary.estimate > 0 ? `recommend ${name}: ${size}` : `advise against ${name}: ${size}`;
  }
  if (!significant) return `no evidence that ${name} changes ${outcome}: do not recommend it`;
  if (confidence === 'LOW') {
    return `do not act on ${name} (${size}): the evidence contradicts the estimate`;
  }
  return `promising but not established (${size}): test ${name} in an experiment before recommending it`;
}
