/**
 * The per-coefficient test table that OLS (t tests) and logistic regression (z tests) both
 * report from β̂ and its covariance V:
 *
 *   se_j = √max(0, V_jj),   t_j = β̂_j / se_j,   p_j = pTwoSided(t_j)   (NaN when t_j is NaN)
 *
 * A diagonal that rounding pushed below zero gives se 0 rather than NaN.
 */

export interface CoefficientTests {
  readonly std_errors: number[];
  /** β̂_j / se_j: the t statistic of OLS, the z statistic of logistic regression. */
  readonly stats: number[];
  readonly p_values: number[];
}

/** Standard errors, test statistics and two-sided p-values of `beta` under covariance `vcov`. */
export function coefficientTests(
  beta: readonly number[],
  vcov: readonly (readonly number[])[],
  pTwoSided: (stat: number) => number,
): CoefficientTests {
  const se = vcov.map((row, j) => Math.sqrt(Math.max(0, row[j])));
  const stats = beta.map((b, j) => b / se[j]);
  const pValues = stats.map((t) => (Number.isNaN(t) ? NaN : pTwoSided(t)));
  return { std_errors: se, stats, p_values: pValues };
}
