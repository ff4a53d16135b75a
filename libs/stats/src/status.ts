/**
 * Shared result-status vocabulary. Data problems (degenerate inputs) never throw: every
 * estimator returns `status: 'ok'` or one of these reason codes, plus a human `reason`.
 * Programmer errors (mismatched lengths, invalid options) throw `StatsInputError`.
 */
export type StatusCode =
  | 'ok'
  | 'too_few_rows'
  | 'singular_design'
  | 'zero_variance'
  | 'separation'
  | 'not_converged'
  | 'constant_outcome'
  | 'too_few_clusters'
  | 'degenerate_statistic'
  | 'empty_input'
  | 'non_finite_input';

/** Base of every result object. `reason` is '' when status is 'ok'. */
export interface StatusFields {
  readonly status: StatusCode;
  readonly reason: string;
}

/** Thrown for programmer errors only (wrong shapes, invalid options) — never for data problems. */
export class StatsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatsInputError';
  }
}

/** Throws `StatsInputError` with `message` unless `condition` holds. */
export function assertInput(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StatsInputError(message);
}

/** True when every value is a finite number. */
export function allFinite(values: readonly number[]): boolean {
  for (const v of values) if (!Number.isFinite(v)) return false;
  return true;
}
