/** Small descriptive helpers shared by the safeguards (local on purpose: no @hirelearn/stats). */

/** Ascending copy. */
export function sortedCopy(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/**
 * The values in ascending order as a Float64Array (typed-array sort: numeric, no comparator
 * calls). An ascending Float64Array is returned as is, so a column sorted once can go through
 * several tests (KS, PSI) without being sorted again; callers never write to the result.
 */
export function sortedNumbers(values: ArrayLike<number>): Float64Array {
  if (values instanceof Float64Array && isAscending(values)) return values;
  return Float64Array.from(values).sort();
}

/** Whether every value is at least the one before it (one linear pass). */
export function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}

/**
 * Quantile of an ascending-sorted array by linear interpolation between order
 * statistics (Hyndman & Fan type 7, the R / NumPy default):
 * h = (n - 1) q, Q(q) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 1) return sorted[0];
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function median(values: readonly number[]): number {
  return quantileSorted(sortedCopy(values), 0.5);
}

/**
 * Mid-ranks (1-based; tied values share the average of the ranks they span),
 * as used by the Mann-Whitney U statistic.
 */
export function midranks(values: readonly number[]): number[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}
