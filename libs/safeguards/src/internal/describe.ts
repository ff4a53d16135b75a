/** Small descriptive helpers shared by the safeguards (quantiles and the median come from @hirelearn/stats). */

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
 * Mid-ranks (1-based; tied values share the average of the ranks they span),
 * as used by the Mann-Whitney U statistic. The values are sorted once as a typed array
 * (no comparator calls); a value's tie block [first, last] in that order is found by binary
 * search, and its mid-rank is (first + last) / 2 + 1.
 */
export function midranks(values: readonly number[]): number[] {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const ranks = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // first index with sorted[k] >= v, and first with sorted[k] > v.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = (first + lo - 1) / 2 + 1;
  }
  return ranks;
}
