/**
 * Isotonic (monotone non-decreasing) least-squares regression by pool-adjacent-violators
 * (Ayer et al. 1955; Barlow et al. 1972; Best & Chakravarti 1990, Math. Prog. 47):
 *   minimise Σ w_i (y_i − f_i)²  subject to  f_1 ≤ f_2 ≤ … ≤ f_n,
 * the y given in the order of their x. Scan left to right keeping blocks with their weighted
 * mean; while the last block's mean is below the previous one's, merge them. Each fitted value
 * is its block's weighted mean; O(n) amortised. The same fit as R `isoreg` and scikit-learn
 * `IsotonicRegression` (increasing=True).
 */
import { assertInput } from './status';

export interface IsotonicBlock {
  /** First index of the block (in the input order). */
  readonly start: number;
  /** One past the last index. */
  readonly end: number;
  /** Σ w over the block. */
  readonly weight: number;
  /** The block's weighted mean: the fitted value of each of its points. */
  readonly value: number;
}

/** The blocks of the isotonic fit of `y` (ordered by x), weights 1 when absent. */
export function poolAdjacentViolators(
  y: readonly number[],
  weights?: readonly number[],
): IsotonicBlock[] {
  assertInput(
    weights === undefined || weights.length === y.length,
    `poolAdjacentViolators: ${weights?.length} weights for ${y.length} values`,
  );
  const blocks: { start: number; end: number; weight: number; value: number }[] = [];
  for (let i = 0; i < y.length; i++) {
    const w = weights === undefined ? 1 : weights[i];
    assertInput(
      Number.isFinite(y[i]) && Number.isFinite(w) && w > 0,
      `poolAdjacentViolators: value ${i} must be finite with a positive weight, got ${y[i]} (weight ${w})`,
    );
    blocks.push({ start: i, end: i + 1, weight: w, value: y[i] });
    while (blocks.length > 1 && blocks[blocks.length - 2].value > blocks[blocks.length - 1].value) {
      const b = blocks.pop()!;
      const a = blocks[blocks.length - 1];
      const weight = a.weight + b.weight;
      a.value = (a.value * a.weight + b.value * b.weight) / weight;
      a.weight = weight;
      a.end = b.end;
    }
  }
  return blocks.map((b) => Object.freeze({ ...b }));
}

/** The isotonic fit of `y` (ordered by x): one fitted value per point. */
export function isotonicFit(y: readonly number[], weights?: readonly number[]): number[] {
  const fitted = new Array<number>(y.length);
  for (const b of poolAdjacentViolators(y, weights)) fitted.fill(b.value, b.start, b.end);
  return fitted;
}
