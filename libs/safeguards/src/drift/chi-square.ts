import { chiSquareUpper } from '@hirelearn/stats';
import { type Degenerate, degenerate } from '../result';

/** Category → count. Categories missing from one side count as 0 there. */
export type CategoryCounts = Readonly<Record<string, number>>;

export interface ChiSquareTest {
  readonly status: 'ok';
  /** χ² = Σ_{r,k} (O_{rk} − E_{rk})² / E_{rk}, E_{rk} = (row_r · col_k) / N. */
  readonly statistic: number;
  /** (2 − 1)(K − 1), K = categories seen in either sample. */
  readonly df: number;
  readonly p_value: number;
  readonly categories: readonly string[];
  /** True when some expected count is below 5 (Cochran's rule): the p-value is approximate. */
  readonly low_expected_count: boolean;
}

/**
 * Pearson chi-square test of homogeneity on the 2 × K table (reference counts, current
 * counts): both rows are treated as samples. p = P(χ²_df > statistic) = Q(df/2, χ²/2).
 * Categories with zero count in both rows are dropped.
 */
export function chiSquareTest(
  reference: CategoryCounts,
  current: CategoryCounts,
): ChiSquareTest | Degenerate {
  const categories = [...new Set([...Object.keys(reference), ...Object.keys(current)])].sort();
  for (const c of categories) {
    for (const v of [countOf(reference, c), countOf(current, c)]) {
      if (!(Number.isFinite(v) && v >= 0)) {
        return degenerate('invalid_value', `count for "${c}" is ${v}`);
      }
    }
  }
  const used = categories.filter((c) => countOf(reference, c) + countOf(current, c) > 0);
  const rows = [used.map((c) => countOf(reference, c)), used.map((c) => countOf(current, c))];
  const rowTotals = rows.map((r) => r.reduce((s, v) => s + v, 0));
  if (rowTotals[0] === 0 || rowTotals[1] === 0) {
    return degenerate('empty_input', 'reference and current need a positive total count');
  }
  if (used.length < 2) {
    return degenerate('insufficient_data', 'need at least two observed categories');
  }
  const total = rowTotals[0] + rowTotals[1];
  let statistic = 0;
  let lowExpected = false;
  used.forEach((_, k) => {
    const col = rows[0][k] + rows[1][k];
    for (let r = 0; r < 2; r++) {
      const expected = (rowTotals[r] * col) / total;
      if (expected < 5) lowExpected = true;
      statistic += (rows[r][k] - expected) ** 2 / expected;
    }
  });
  const df = used.length - 1;
  return {
    status: 'ok',
    statistic,
    df,
    p_value: chiSquareUpper(statistic, df),
    categories: used,
    low_expected_count: lowExpected,
  };
}

/** Tallies a categorical column into {@link CategoryCounts}. */
export function countCategories(values: readonly string[]): CategoryCounts {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Object.fromEntries(counts);
}

/** Own-property lookup, so a category named e.g. "constructor" is not read off the prototype. */
export function countOf(counts: CategoryCounts, category: string): number {
  return Object.hasOwn(counts, category) ? counts[category] : 0;
}
