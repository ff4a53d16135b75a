/**
 * Pearson chi-square tests (Pearson 1900; Agresti, Categorical Data Analysis, 3rd ed., §3.2).
 *   Goodness of fit: X² = Σ (O_i − E_i)²/E_i, E_i = N π_i, df = k − 1.
 *   Contingency (r × c): E_ij = R_i C_j / N, X² = Σ (O_ij − E_ij)²/E_ij, df = (r−1)(c−1);
 *   optional Yates continuity correction for 2 × 2 tables: Σ (|O − E| − ½)²/E with
 *   |O − E| − ½ floored at 0 (as R's `chisq.test`). Cramér's V = √(X² / (N (min(r, c) − 1))).
 */
import { chiSquareUpper } from './distributions';
import { assertInput, StatusFields } from './status';

export interface ChiSquareResult extends StatusFields {
  readonly statistic: number;
  readonly df: number;
  readonly p_value: number;
  /** Expected counts (same shape as the input). */
  readonly expected: readonly number[] | readonly (readonly number[])[];
  /** Smallest expected count (the usual rule of thumb wants >= 5). */
  readonly min_expected: number;
}

export interface ContingencyResult extends ChiSquareResult {
  readonly expected: readonly (readonly number[])[];
  readonly cramers_v: number;
}

function checkCounts(values: readonly number[], fn: string): void {
  for (const v of values) {
    assertInput(Number.isFinite(v) && v >= 0, `${fn}: counts must be finite and >= 0, got ${v}`);
  }
}

/** Chi-square goodness of fit of `observed` counts to probabilities `probs` (default uniform). */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  probs?: readonly number[],
): ChiSquareResult {
  const k = observed.length;
  checkCounts(observed, 'chiSquareGoodnessOfFit');
  const pi = probs ?? new Array<number>(k).fill(1 / k);
  assertInput(
    pi.length === k,
    `chiSquareGoodnessOfFit: ${pi.length} probabilities for ${k} counts`,
  );
  assertInput(
    pi.every((p) => p > 0),
    'chiSquareGoodnessOfFit: probabilities must be > 0',
  );
  const total = pi.reduce((a, b) => a + b, 0);
  assertInput(
    Math.abs(total - 1) < 1e-8,
    `chiSquareGoodnessOfFit: probabilities must sum to 1, got ${total}`,
  );
  const N = observed.reduce((a, b) => a + b, 0);
  const expected = pi.map((p) => p * N);
  if (k < 2 || N === 0) {
    return {
      status: k < 2 ? 'too_few_rows' : 'empty_input',
      reason: k < 2 ? 'need at least 2 categories' : 'no observations',
      statistic: NaN,
      df: k - 1,
      p_value: NaN,
      expected,
      min_expected: Math.min(...expected),
    };
  }
  const stat = observed.reduce((s, o, i) => s + (o - expected[i]) ** 2 / expected[i], 0);
  return {
    status: 'ok',
    reason: '',
    statistic: stat,
    df: k - 1,
    p_value: chiSquareUpper(stat, k - 1),
    expected,
    min_expected: Math.min(...expected),
  };
}

/** Pearson chi-square test of independence for an r × c table of counts. */
export function chiSquareContingency(
  table: readonly (readonly number[])[],
  options: { readonly correct?: boolean } = {},
): ContingencyResult {
  const r = table.length;
  const c = r === 0 ? 0 : table[0].length;
  table.forEach((row, i) => {
    assertInput(
      row.length === c,
      `chiSquareContingency: row ${i} has ${row.length} cells, expected ${c}`,
    );
    checkCounts(row, 'chiSquareContingency');
  });
  const rowSums = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: c }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const N = rowSums.reduce((a, b) => a + b, 0);
  const expected = table.map((_, i) => colSums.map((cs) => (rowSums[i] * cs) / (N || 1)));
  const minExpected = Math.min(...expected.flat());
  const df = (r - 1) * (c - 1);
  const fail = (status: ContingencyResult['status'], reason: string): ContingencyResult => ({
    status,
    reason,
    statistic: NaN,
    df,
    p_value: NaN,
    expected,
    min_expected: minExpected,
    cramers_v: NaN,
  });
  if (r < 2 || c < 2) return fail('too_few_rows', 'table needs at least 2 rows and 2 columns');
  if (N === 0) return fail('empty_input', 'table is all zeros');
  if (rowSums.some((s) => s === 0) || colSums.some((s) => s === 0)) {
    return fail('zero_variance', 'a row or column total is zero: expected counts of 0');
  }
  const yates = (options.correct ?? false) && r === 2 && c === 2;
  let stat = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      let d = Math.abs(table[i][j] - expected[i][j]);
      if (yates) d = Math.max(0, d - 0.5);
      stat += (d * d) / expected[i][j];
    }
  }
  return {
    status: 'ok',
    reason: '',
    statistic: stat,
    df,
    p_value: chiSquareUpper(stat, df),
    expected,
    min_expected: minExpected,
    cramers_v: Math.sqrt(stat / (N * (Math.min(r, c) - 1))),
  };
}
