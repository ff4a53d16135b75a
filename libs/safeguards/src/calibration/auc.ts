import { midranks } from '../internal/describe';
import { normalQuantile } from '@hirelearn/stats';
import { checkBinaryLabels, checkFinite, requireOpenInterval } from '../internal/validate';
import { type Degenerate, degenerate } from '../result';

export type AucIntervalMethod = 'delong' | 'hanley_mcneil';

export interface AucOptions {
  /** Default `delong`. */
  readonly method?: AucIntervalMethod;
  /** Two-sided confidence level of the interval (default 0.95). */
  readonly confidence?: number;
}

export interface Auc {
  readonly status: 'ok';
  /** P(score of a positive > score of a negative) + ½ P(tie). */
  readonly auc: number;
  readonly n_positive: number;
  readonly n_negative: number;
  readonly method: AucIntervalMethod;
  readonly confidence: number;
  readonly se: number;
  /** AUC ∓ z_{(1+confidence)/2} · se, clipped to [0, 1]. */
  readonly ci_lower: number;
  readonly ci_upper: number;
}

/**
 * Area under the ROC curve as the Mann-Whitney statistic with ties counted ½:
 * AUC = (1 / (n₁ n₀)) Σ_i Σ_j ψ(X_i, Y_j), ψ = 1 if X > Y, ½ if X = Y, else 0,
 * computed from mid-ranks: AUC = (R₁ − n₁(n₁ + 1)/2) / (n₁ n₀).
 *
 * Standard error:
 * - DeLong, DeLong & Clarke-Pearson (1988): V₁₀(X_i) = (1/n₀) Σ_j ψ(X_i, Y_j),
 *   V₀₁(Y_j) = (1/n₁) Σ_i ψ(X_i, Y_j), Var = S₁₀/n₁ + S₀₁/n₀ with S the sample
 *   variances (n − 1 denominators); components via mid-ranks (Sun & Xu 2014):
 *   V₁₀(X_i) = (R_i − R_i^{(1)}) / n₀, V₀₁(Y_j) = 1 − (R_j − R_j^{(0)}) / n₁.
 * - Hanley & McNeil (1982): Q₁ = A/(2 − A), Q₂ = 2A²/(1 + A),
 *   Var = [A(1 − A) + (n₁ − 1)(Q₁ − A²) + (n₀ − 1)(Q₂ − A²)] / (n₁ n₀).
 */
export function rocAuc(
  scores: readonly number[],
  labels: readonly number[],
  options: AucOptions = {},
): Auc | Degenerate {
  const method = options.method ?? 'delong';
  const confidence = options.confidence ?? 0.95;
  requireOpenInterval('confidence', confidence, 0, 1);
  if (scores.length === 0) return degenerate('empty_input', 'no scores');
  if (scores.length !== labels.length) {
    return degenerate('length_mismatch', `${scores.length} scores vs ${labels.length} labels`);
  }
  // Scores need not be probabilities; only finiteness and 0/1 labels are required.
  const bad = checkFinite(scores, 'scores') ?? checkBinaryLabels(labels);
  if (bad) return bad;
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) (labels[i] === 1 ? pos : neg).push(scores[i]);
  const n1 = pos.length;
  const n0 = neg.length;
  if (n1 === 0 || n0 === 0) {
    return degenerate('single_class', `need both classes, got ${n1} positives and ${n0} negatives`);
  }
  const all = midranks([...pos, ...neg]);
  const rPos = midranks(pos);
  const rNeg = midranks(neg);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += all[i];
  const auc = (r1 - (n1 * (n1 + 1)) / 2) / (n1 * n0);

  let variance: number;
  if (method === 'delong') {
    const v10 = pos.map((_, i) => (all[i] - rPos[i]) / n0);
    const v01 = neg.map((_, j) => 1 - (all[n1 + j] - rNeg[j]) / n1);
    variance = sampleVariance(v10) / n1 + sampleVariance(v01) / n0;
  } else {
    const q1 = auc / (2 - auc);
    const q2 = (2 * auc * auc) / (1 + auc);
    variance =
      (auc * (1 - auc) + (n1 - 1) * (q1 - auc * auc) + (n0 - 1) * (q2 - auc * auc)) / (n1 * n0);
  }
  const se = Math.sqrt(Math.max(0, variance));
  const z = normalQuantile((1 + confidence) / 2);
  return {
    status: 'ok',
    auc,
    n_positive: n1,
    n_negative: n0,
    method,
    confidence,
    se,
    ci_lower: Math.max(0, auc - z * se),
    ci_upper: Math.min(1, auc + z * se),
  };
}

/** Unbiased sample variance; 0 for a single value (no spread can be estimated). */
function sampleVariance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  let m = 0;
  for (const v of values) m += v;
  m /= n;
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return ss / (n - 1);
}
