import { brierScore, calibrationError, rocAuc } from '@hirelearn/safeguards';
import { meanLogLoss } from './calibration';

/** Held-out quality of one set of probabilities. */
export interface HeldOutMetrics {
  readonly n: number;
  readonly log_loss: number;
  readonly brier: number | null;
  /** Expected calibration error, 10 equal-width bins. */
  readonly ece: number | null;
  readonly auc: number | null;
  readonly auc_ci: readonly [number, number] | null;
}

/** Log loss, Brier score, ECE and AUC (DeLong interval) from @hirelearn/safeguards. */
export function heldOutMetrics(p: readonly number[], y: readonly number[]): HeldOutMetrics {
  const b = brierScore(p, y);
  const c = calibrationError(p, y);
  const a = rocAuc(p, y);
  return Object.freeze({
    n: p.length,
    log_loss: meanLogLoss(p, y),
    brier: b.status === 'ok' ? b.brier : null,
    ece: c.status === 'ok' ? c.ece : null,
    auc: a.status === 'ok' ? a.auc : null,
    auc_ci: a.status === 'ok' ? ([a.ci_lower, a.ci_upper] as const) : null,
  });
}
