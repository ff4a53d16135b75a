/**
 * Shared vocabulary of @hirelearn/causal: the data shape every estimator takes, the effect
 * every estimator returns, and the status codes for expected data problems (never thrown).
 */

/** Plain columns, one entry per unit (row). `treatment` is 0/1 except for IV, where it may be continuous. */
export interface CausalData {
  readonly outcome: readonly number[];
  readonly treatment: readonly number[];
  readonly covariates: Readonly<Record<string, readonly number[]>>;
  /** Optional cluster id per row (e.g. the job seeker) for clustered standard errors. */
  readonly clusters?: readonly (string | number)[];
}

/** Data for instrumental variables: `CausalData` plus one or more instrument columns. */
export interface IvData extends CausalData {
  readonly instruments: Readonly<Record<string, readonly number[]>>;
}

/** Status of a causal result: 'ok' or the code of the first problem found. */
export type CausalStatus =
  | 'ok'
  | 'invalid_input'
  | 'insufficient_data'
  | 'no_treated'
  | 'no_control'
  | 'separation'
  | 'no_overlap'
  | 'singular_design'
  | 'no_matches'
  | 'not_converged';

/** LATE: instrumental variables (compliers); ATE_at_cutoff: sharp regression discontinuity. */
export type Estimand = 'ATE' | 'ATT' | 'LATE' | 'ATE_at_cutoff';

export type EffectMethod =
  | 'naive_difference'
  | 'ps_matching'
  | 'ipw_hajek'
  | 'aipw'
  | 'iv_2sls'
  | 'did_2x2'
  | 'did_twfe'
  | 'did_imputation'
  | 'within_unit'
  | 'rd_local_linear';

/**
 * An estimated causal effect (the spec's `CausalEffect`). `ci` is the two-sided (1 − α)
 * normal interval estimate ± z·std_error; `q_value` is filled by `withQValues` over a family.
 */
export interface EffectEstimate {
  readonly method: EffectMethod;
  readonly estimand: Estimand;
  readonly estimate: number;
  readonly std_error: number;
  readonly ci: readonly [number, number];
  readonly p_value: number;
  readonly q_value: number | null;
  readonly n: number;
  readonly n_treated: number;
  readonly n_control: number;
  readonly status: CausalStatus;
  /** Human-readable reasons; empty when status is 'ok' and nothing is worth noting. */
  readonly reasons: readonly string[];
}

/** Any estimator: data in, effect out. Refuters re-run it on altered data. */
export type Estimator<
  D extends CausalData = CausalData,
  E extends EffectEstimate = EffectEstimate,
> = (data: D) => E;

/** Result of one refutation test. `values` carries the numbers behind `detail`. */
export interface Refutation {
  readonly name: 'placebo_treatment' | 'random_common_cause' | 'data_subset' | 'e_value';
  readonly passed: boolean;
  readonly detail: string;
  readonly values: Readonly<Record<string, number>>;
}
