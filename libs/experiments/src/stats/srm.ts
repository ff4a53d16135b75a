/**
 * Sample-ratio mismatch: Pearson's chi-square goodness of fit of the exposed users per variant
 * to the configured allocation (Fabijan et al., "Diagnosing Sample Ratio Mismatch", KDD 2019).
 * A mismatch means the assignment or the logging is broken, so no decision may rest on the
 * data: p below `threshold` (default 0.001, GrowthBook's) blocks every decision.
 */
import { chiSquareGoodnessOfFit } from '@hirelearn/stats';

export interface SrmCheck {
  readonly statistic: number;
  readonly df: number;
  readonly p_value: number;
  readonly threshold: number;
  /** True when p < threshold. */
  readonly mismatch: boolean;
  readonly observed: readonly number[];
  readonly expected: readonly number[];
}

/** SRM check of `counts` against allocation `weights` (normalised here). */
export function sampleRatioMismatch(
  counts: readonly number[],
  weights: readonly number[],
  threshold = 0.001,
): SrmCheck {
  const total = weights.reduce((a, b) => a + b, 0);
  const probs = weights.map((w) => w / total);
  const r = chiSquareGoodnessOfFit(counts, probs);
  const ok = r.status === 'ok';
  return {
    statistic: ok ? r.statistic : NaN,
    df: r.df,
    p_value: ok ? r.p_value : NaN,
    threshold,
    mismatch: ok && r.p_value < threshold,
    observed: [...counts],
    expected: [...(r.expected as readonly number[])],
  };
}
