/**
 * Standardized mean difference (treated − control) for effect sizes and covariate balance.
 *
 *   d = (x̄_t − x̄_c) / s*
 *   pooling 'average' (default; Austin 2009, Stat. Med. 28, "Balance diagnostics for comparing
 *     the distribution of baseline covariates"):  s* = √((s_t² + s_c²)/2)
 *   pooling 'pooled' (Cohen's d): s* = √(((n_t−1)s_t² + (n_c−1)s_c²)/(n_t + n_c − 2))
 *
 * Weighted version (Austin & Stuart 2015, Stat. Med. 34, balance after IPW): weighted means and
 * reliability-weighted variances (descriptives.weightedVariance); with sd_from = 'unweighted' the
 * denominator uses the unweighted variances, so weighting moves only the numerator (the
 * convention of R `cobalt`).
 */
import { mean, variance, weightedMean, weightedVariance } from './descriptives';
import { assertInput, StatusFields } from './status';

export interface SmdResult extends StatusFields {
  readonly smd: number;
  readonly mean_treated: number;
  readonly mean_control: number;
  /** Denominator s*. */
  readonly sd_pooled: number;
}

export interface WeightedGroup {
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

function finish(mt: number, mc: number, vt: number, vc: number, sdStar: number): SmdResult {
  const base = { mean_treated: mt, mean_control: mc, sd_pooled: sdStar };
  if (![mt, mc, vt, vc].every(Number.isFinite)) {
    return {
      ...base,
      status: 'too_few_rows',
      reason: 'each group needs at least 2 (positively weighted) values',
      smd: NaN,
    };
  }
  if (!(sdStar > 0)) {
    return { ...base, status: 'zero_variance', reason: 'both groups have zero variance', smd: NaN };
  }
  return { ...base, status: 'ok', reason: '', smd: (mt - mc) / sdStar };
}

/** Unweighted standardized mean difference. */
export function standardizedMeanDifference(
  treated: readonly number[],
  control: readonly number[],
  options: { readonly pooling?: 'average' | 'pooled' } = {},
): SmdResult {
  const pooling = options.pooling ?? 'average';
  const mt = mean(treated);
  const mc = mean(control);
  const vt = variance(treated);
  const vc = variance(control);
  const nt = treated.length;
  const nc = control.length;
  const sdStar =
    pooling === 'average'
      ? Math.sqrt((vt + vc) / 2)
      : Math.sqrt(((nt - 1) * vt + (nc - 1) * vc) / (nt + nc - 2));
  return finish(mt, mc, vt, vc, sdStar);
}

/** Weighted standardized mean difference (balance tables after weighting). */
export function weightedStandardizedMeanDifference(
  treated: WeightedGroup,
  control: WeightedGroup,
  options: { readonly sd_from?: 'weighted' | 'unweighted' } = {},
): SmdResult {
  for (const g of [treated, control]) {
    assertInput(
      g.values.length === g.weights.length,
      `weightedStandardizedMeanDifference: ${g.values.length} values vs ${g.weights.length} weights`,
    );
  }
  const mt = weightedMean(treated.values, treated.weights);
  const mc = weightedMean(control.values, control.weights);
  const unweighted = (options.sd_from ?? 'weighted') === 'unweighted';
  const vt = unweighted
    ? variance(treated.values)
    : weightedVariance(treated.values, treated.weights);
  const vc = unweighted
    ? variance(control.values)
    : weightedVariance(control.values, control.weights);
  return finish(mt, mc, vt, vc, Math.sqrt((vt + vc) / 2));
}
