/**
 * The input checks, row selection and rank message that OLS/WLS and logistic regression
 * share, so that both report the same data problems in the same words.
 */
import { Design, designFinite } from './design';
import { allFinite } from './status';

/**
 * Why (X, y, weights) cannot be fitted (negative or non-finite weights, non-finite X or y),
 * or null; the fits report it with status 'non_finite_input'.
 */
export function nonFiniteInput(
  X: Design,
  y: readonly number[],
  weights: readonly number[] | undefined,
): string | null {
  if (weights !== undefined && !weights.every((w) => Number.isFinite(w) && w >= 0)) {
    return 'weights must be finite and non-negative';
  }
  if (!allFinite(y) || !designFinite(X)) return 'X or y contains NaN or infinite values';
  return null;
}

/** Indices of the rows a weighted fit uses: those with positive weight (all when unweighted). */
export function positiveWeightRows(n: number, weights: readonly number[] | undefined): number[] {
  const used: number[] = [];
  for (let i = 0; i < n; i++) if (weights === undefined || weights[i] > 0) used.push(i);
  return used;
}

/** The reason of a 'singular_design' result, naming the aliased columns. */
export function rankDeficientReason(aliased: readonly number[], names: readonly string[]): string {
  const cols = aliased.map((j) => names[j]).join(', ');
  return `design matrix is rank deficient: column(s) ${cols} are linear combinations of earlier columns (or all zero)`;
}
