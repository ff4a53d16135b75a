/**
 * Welch's unequal-variance two-sample t-test (Welch 1947, Biometrika 34):
 *   t = (x̄_a − x̄_b) / √(s_a²/n_a + s_b²/n_b)
 *   ν = (s_a²/n_a + s_b²/n_b)² / [ (s_a²/n_a)²/(n_a−1) + (s_b²/n_b)²/(n_b−1) ]   (Welch-Satterthwaite)
 *   CI: (x̄_a − x̄_b) ± t_{1−α/2, ν} · se.  Same as R `t.test(a, b)` (var.equal = FALSE).
 */
import { mean, variance } from './descriptives';
import { tCdf, tQuantile, tTwoSided, tUpper } from './distributions';
import { allFinite, assertInput, StatusFields } from './status';

export type Alternative = 'two-sided' | 'less' | 'greater';

export interface WelchResult extends StatusFields {
  readonly t: number;
  readonly df: number;
  readonly p_value: number;
  /** x̄_a − x̄_b. */
  readonly mean_diff: number;
  readonly mean_a: number;
  readonly mean_b: number;
  readonly se: number;
  /** Two-sided (1 − alpha) confidence interval for the mean difference. */
  readonly ci: readonly [number, number];
  readonly alternative: Alternative;
}

/**
 * Welch-Satterthwaite degrees of freedom from the variances of the two means (s²/n) and the
 * group sizes: ν = (v_a + v_b)² / (v_a²/(n_a − 1) + v_b²/(n_b − 1)).
 */
export function welchDf(varMeanA: number, nA: number, varMeanB: number, nB: number): number {
  return (
    (varMeanA + varMeanB) ** 2 /
    ((varMeanA * varMeanA) / (nA - 1) + (varMeanB * varMeanB) / (nB - 1))
  );
}

export function welchTTest(
  a: readonly number[],
  b: readonly number[],
  options: { readonly alternative?: Alternative; readonly alpha?: number } = {},
): WelchResult {
  const alternative = options.alternative ?? 'two-sided';
  const alpha = options.alpha ?? 0.05;
  assertInput(alpha > 0 && alpha < 1, `welchTTest: alpha must be in (0, 1), got ${alpha}`);
  const ma = mean(a);
  const mb = mean(b);
  const base = {
    mean_a: ma,
    mean_b: mb,
    mean_diff: ma - mb,
    alternative,
    t: NaN,
    df: NaN,
    p_value: NaN,
    se: NaN,
    ci: [NaN, NaN] as const,
  };
  if (a.length < 2 || b.length < 2) {
    return { ...base, status: 'too_few_rows', reason: 'each group needs at least 2 values' };
  }
  if (!allFinite(a) || !allFinite(b)) {
    return { ...base, status: 'non_finite_input', reason: 'input contains NaN or infinite values' };
  }
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) {
    return { ...base, status: 'zero_variance', reason: 'both groups have zero variance' };
  }
  const t = (ma - mb) / se;
  const df = welchDf(va, a.length, vb, b.length);
  const p =
    alternative === 'two-sided'
      ? tTwoSided(t, df)
      : alternative === 'greater'
        ? tUpper(t, df)
        : tCdf(t, df);
  const q = tQuantile(1 - alpha / 2, df);
  return {
    ...base,
    status: 'ok',
    reason: '',
    t,
    df,
    p_value: p,
    se,
    ci: [ma - mb - q * se, ma - mb + q * se],
  };
}
