import { checkProbabilitiesAndLabels } from '../internal/validate';
import type { Degenerate } from '../result';

export interface LogLossOptions {
  /** Probabilities are clipped to [eps, 1 − eps] so a confident miss costs −ln(eps), not ∞. */
  readonly eps?: number;
}

export interface LogLoss {
  readonly status: 'ok';
  /** −(1/N) Σ [y ln p + (1 − y) ln(1 − p)] in nats, p clipped. */
  readonly log_loss: number;
  readonly n: number;
  readonly eps: number;
}

export const DEFAULT_LOG_LOSS_EPS = 1e-15;

/**
 * Binary cross-entropy (log loss):
 * LL = −(1/N) Σ_i [y_i ln p̃_i + (1 − y_i) ln(1 − p̃_i)], p̃ = clip(p, eps, 1 − eps).
 */
export function logLoss(
  predicted: readonly number[],
  labels: readonly number[],
  options: LogLossOptions = {},
): LogLoss | Degenerate {
  const eps = options.eps ?? DEFAULT_LOG_LOSS_EPS;
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`eps must be in (0, 0.5), got ${eps}`);
  const bad = checkProbabilitiesAndLabels(predicted, labels);
  if (bad) return bad;
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, predicted[i]));
    sum += labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return { status: 'ok', log_loss: -sum / predicted.length, n: predicted.length, eps };
}
