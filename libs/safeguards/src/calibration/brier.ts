import { checkProbabilitiesAndLabels } from '../internal/validate';
import type { Degenerate } from '../result';

export interface BrierScore {
  readonly status: 'ok';
  /** BS = (1/N) Σ (p_i − y_i)²; 0 is perfect, 0.25 is a constant 0.5 forecast. */
  readonly brier: number;
  readonly n: number;
}

/** Brier score (Brier 1950): BS = (1/N) Σ_i (p_i − y_i)², labels y_i ∈ {0, 1}. */
export function brierScore(
  predicted: readonly number[],
  labels: readonly number[],
): BrierScore | Degenerate {
  const bad = checkProbabilitiesAndLabels(predicted, labels);
  if (bad) return bad;
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += (predicted[i] - labels[i]) ** 2;
  return { status: 'ok', brier: sum / predicted.length, n: predicted.length };
}
