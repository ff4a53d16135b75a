/**
 * k-anonymity of aggregate cells: a cell built from fewer than k distinct users could point at
 * one of them, so it is not shown. Results say how many cells they suppressed, so a reader
 * knows the table is incomplete.
 */

/** The spec's minimum number of distinct users behind any shown cell. */
export const DEFAULT_K_ANONYMITY = 10;

/** The outcome of suppressing the small cells of a table. */
export interface KAnonymous<T> {
  readonly cells: readonly T[];
  readonly suppressed_cells: number;
  readonly k: number;
}

/** Keeps the cells whose distinct-user count is at least k; counts the rest. */
export function suppressSmallCells<T>(
  cells: readonly T[],
  userCount: (cell: T) => number,
  k: number = DEFAULT_K_ANONYMITY,
): KAnonymous<T> {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const kept = cells.filter((c) => userCount(c) >= k);
  return Object.freeze({
    cells: Object.freeze(kept),
    suppressed_cells: cells.length - kept.length,
    k,
  });
}
