import type { Degenerate } from '../result';
import {
  type BinningOptions,
  type BinningStrategy,
  type ReliabilityBin,
  reliabilityTable,
} from './reliability';

export interface CalibrationError {
  readonly status: 'ok';
  readonly strategy: BinningStrategy;
  readonly n: number;
  /** Non-empty bins only. */
  readonly bins: readonly ReliabilityBin[];
  /** ECE = Σ_m (|B_m| / N) |acc(B_m) − conf(B_m)|. */
  readonly ece: number;
  /** MCE = max_m |acc(B_m) − conf(B_m)| over non-empty bins. */
  readonly mce: number;
}

/**
 * Expected and maximum calibration error (Naeini, Cooper & Hauskrecht 2015;
 * Guo et al. 2017) over the reliability table:
 * ECE = Σ_m (|B_m|/N) |acc(B_m) − conf(B_m)|, MCE = max_m |acc(B_m) − conf(B_m)|.
 * With `strategy: 'equal_mass'` this is the adaptive / quantile-binned ECE
 * (Nixon et al. 2019).
 */
export function calibrationError(
  predicted: readonly number[],
  labels: readonly number[],
  options: BinningOptions = {},
): CalibrationError | Degenerate {
  const table = reliabilityTable(predicted, labels, options);
  if (table.status !== 'ok') return table;
  const bins = table.bins.filter((b) => b.count > 0);
  let ece = 0;
  let mce = 0;
  for (const b of bins) {
    const gap = Math.abs((b.observed_rate ?? 0) - (b.mean_predicted ?? 0));
    ece += (b.count / table.n) * gap;
    mce = Math.max(mce, gap);
  }
  return { status: 'ok', strategy: table.strategy, n: table.n, bins, ece, mce };
}

/** ECE alone; see {@link calibrationError}. */
export function expectedCalibrationError(
  predicted: readonly number[],
  labels: readonly number[],
  options: BinningOptions = {},
): { readonly status: 'ok'; readonly ece: number; readonly n: number } | Degenerate {
  const r = calibrationError(predicted, labels, options);
  return r.status === 'ok' ? { status: 'ok', ece: r.ece, n: r.n } : r;
}

/** MCE alone; see {@link calibrationError}. */
export function maximumCalibrationError(
  predicted: readonly number[],
  labels: readonly number[],
  options: BinningOptions = {},
): { readonly status: 'ok'; readonly mce: number; readonly n: number } | Degenerate {
  const r = calibrationError(predicted, labels, options);
  return r.status === 'ok' ? { status: 'ok', mce: r.mce, n: r.n } : r;
}
