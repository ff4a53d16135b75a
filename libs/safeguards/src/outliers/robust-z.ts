import { median } from '@hirelearn/stats';
import { checkFinite } from '../internal/validate';
import { type Degenerate, degenerate } from '../result';

/** 1 / Φ⁻¹(3/4): makes the MAD a consistent estimator of σ for normal data. */
export const MAD_TO_SIGMA = 1.4826;

export interface RobustZScores {
  readonly status: 'ok';
  /** Median of the reference sample. */
  readonly median: number;
  /** MAD = median_i |x_i − median| of the reference sample. */
  readonly mad: number;
  /** 1.4826 · MAD. */
  readonly scale: number;
  /** z_i = (x_i − median) / (1.4826 · MAD), one per input value. */
  readonly z: readonly number[];
}

export interface RobustZOptions {
  /** Sample that defines "normal" (median, MAD); defaults to the values themselves. */
  readonly reference?: readonly number[];
}

/**
 * Robust z-scores (Hampel 1974; Iglewicz & Hoaglin 1993):
 * z_i = (x_i − med(R)) / (1.4826 · MAD(R)), MAD(R) = med_j |r_j − med(R)|.
 * A zero MAD (over half the reference identical) is `zero_variance`, not a division by zero.
 */
export function robustZScores(
  values: readonly number[],
  options: RobustZOptions = {},
): RobustZScores | Degenerate {
  const reference = options.reference ?? values;
  if (values.length === 0 || reference.length === 0) {
    return degenerate('empty_input', 'no values');
  }
  const bad = checkFinite(values, 'values') ?? checkFinite(reference, 'reference');
  if (bad) return bad;
  const med = median(reference);
  const mad = median(reference.map((r) => Math.abs(r - med)));
  if (mad === 0) {
    return degenerate('zero_variance', 'median absolute deviation is 0');
  }
  const scale = MAD_TO_SIGMA * mad;
  return { status: 'ok', median: med, mad, scale, z: values.map((x) => (x - med) / scale) };
}
