import { checkProbabilitiesAndLabels, requireInteger } from '../internal/validate';
import type { Degenerate } from '../result';

/**
 * How predictions are grouped:
 * - `equal_width`: M bins [m/M, (m+1)/M) on [0, 1] (last bin closed); empty bins are kept.
 * - `equal_mass`: predictions sorted ascending and cut into min(M, N) consecutive groups
 *   of ⌊N/M⌋ or ⌈N/M⌉ (group m holds sorted indices ⌊mN/M⌋ .. ⌊(m+1)N/M⌋ − 1); a bin's
 *   lo/hi are the smallest/largest prediction it holds.
 */
export type BinningStrategy = 'equal_width' | 'equal_mass';

export interface BinningOptions {
  /** Number of bins M (default 10). */
  readonly bins?: number;
  /** Default `equal_width`. */
  readonly strategy?: BinningStrategy;
}

export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** conf(B_m) = mean predicted probability in the bin; null when the bin is empty. */
  readonly mean_predicted: number | null;
  /** acc(B_m) = fraction of positive labels in the bin; null when the bin is empty. */
  readonly observed_rate: number | null;
}

export interface ReliabilityTable {
  readonly status: 'ok';
  readonly strategy: BinningStrategy;
  readonly n: number;
  readonly bins: readonly ReliabilityBin[];
}

export const DEFAULT_CALIBRATION_BINS = 10;

/**
 * Reliability diagram table (DeGroot & Fienberg 1983; Niculescu-Mizil & Caruana 2005):
 * per bin B_m, the count |B_m|, conf(B_m) = mean p_i and acc(B_m) = mean y_i.
 */
export function reliabilityTable(
  predicted: readonly number[],
  labels: readonly number[],
  options: BinningOptions = {},
): ReliabilityTable | Degenerate {
  const m = options.bins ?? DEFAULT_CALIBRATION_BINS;
  const strategy = options.strategy ?? 'equal_width';
  requireInteger('bins', m, 1);
  const bad = checkProbabilitiesAndLabels(predicted, labels);
  if (bad) return bad;
  const bins =
    strategy === 'equal_width' ? equalWidth(predicted, labels, m) : equalMass(predicted, labels, m);
  return { status: 'ok', strategy, n: predicted.length, bins };
}

function summarize(
  lo: number,
  hi: number,
  count: number,
  sumP: number,
  sumY: number,
): ReliabilityBin {
  return {
    lo,
    hi,
    count,
    mean_predicted: count === 0 ? null : sumP / count,
    observed_rate: count === 0 ? null : sumY / count,
  };
}

function equalWidth(p: readonly number[], y: readonly number[], m: number): ReliabilityBin[] {
  const count = new Array<number>(m).fill(0);
  const sumP = new Array<number>(m).fill(0);
  const sumY = new Array<number>(m).fill(0);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(m - 1, Math.floor(p[i] * m));
    count[b]++;
    sumP[b] += p[i];
    sumY[b] += y[i];
  }
  return count.map((c, b) => summarize(b / m, (b + 1) / m, c, sumP[b], sumY[b]));
}

function equalMass(p: readonly number[], y: readonly number[], m: number): ReliabilityBin[] {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  const groups = Math.min(m, n);
  const bins: ReliabilityBin[] = [];
  for (let g = 0; g < groups; g++) {
    const start = Math.floor((g * n) / groups);
    const end = Math.floor(((g + 1) * n) / groups);
    let sumP = 0;
    let sumY = 0;
    for (let k = start; k < end; k++) {
      sumP += p[order[k]];
      sumY += y[order[k]];
    }
    bins.push(summarize(p[order[start]], p[order[end - 1]], end - start, sumP, sumY));
  }
  return bins;
}
