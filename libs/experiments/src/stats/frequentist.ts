/**
 * Fixed-horizon comparison of a treatment with the control from sufficient statistics.
 *
 * - binomial metrics: the two-proportion z test of @hirelearn/stats (pooled z, unpooled
 *   Wald interval for p_t − p_c);
 * - mean metrics: Welch's t (Welch–Satterthwaite df) computed from the moments, the same
 *   numbers as `welchTTest` on the raw values;
 * - ratio metrics (a ratio of means R = ȳ/d̄ over users, e.g. interviews per application):
 *   Welch's t on R with the delta-method per-user variance (`ratioVariance`), as gbstats;
 * - relative lift r = μ_t/μ_c − 1 with the delta-method standard error
 *     se_r² = σ_t²/(n_t μ_c²) + μ_t² σ_c²/(n_c μ_c⁴)
 *   (Casella & Berger §5.5.4; GrowthBook's frequentist engine) and a normal interval.
 */
import {
  normalQuantile,
  normalTwoSided,
  tQuantile,
  tTwoSided,
  twoProportionZTest,
  welchDf,
} from '@hirelearn/stats';
import { momentCovariance, momentMean, momentVariance, VariantMoments } from './moments';

const { sqrt } = Math;

export type MetricKind = 'binomial' | 'mean' | 'ratio';

export type ComparisonStatus =
  'ok' | 'too_few_users' | 'zero_variance' | 'zero_control_mean' | 'zero_denominator';

export interface FrequentistComparison {
  readonly status: ComparisonStatus;
  readonly reason: string;
  readonly test: 'two_proportion_z' | 'welch_t';
  readonly control_mean: number;
  readonly treatment_mean: number;
  /** μ_t − μ_c. */
  readonly absolute_lift: number;
  readonly absolute_ci: readonly [number, number];
  /** μ_t/μ_c − 1. */
  readonly relative_lift: number;
  readonly relative_ci: readonly [number, number];
  /** Delta-method standard error of the relative lift and its two-sided p-value (t, Welch df). */
  readonly relative_se: number;
  readonly relative_p_value: number;
  /** z or t. */
  readonly statistic: number;
  /** Welch df; Infinity for the z test. */
  readonly df: number;
  readonly p_value: number;
  /** Standard error of μ_t − μ_c (unpooled). */
  readonly se: number;
}

/**
 * Delta-method variance of a ratio of means R = ȳ/d̄, per user (divide by n for Var R̂):
 *   σ_R² = σ_y²/μ_d² − 2 μ_y σ_yd/μ_d³ + μ_y² σ_d²/μ_d⁴
 * with the sample variances and covariance of the per-user y and d (Casella & Berger §5.5.4;
 * gbstats' `RatioStatistic.variance`). NaN when the moments carry no denominator or its mean
 * is 0 (no ratio exists).
 */
export function ratioVariance(m: VariantMoments): number {
  const d = m.denominator;
  if (!d || m.n < 2) return NaN;
  const my = m.sum / m.n;
  const md = d.sum / m.n;
  if (md === 0) return NaN;
  // The terms are not floored at 0 one by one (only the total is): with moments that round
  // off, flooring a part would bias the sum (gbstats combines the raw terms the same way).
  const vy = momentCovariance(m.sum, m.sum, m.sum_sq, m.n);
  const vd = momentCovariance(d.sum, d.sum, d.sum_sq, m.n);
  const c = momentCovariance(m.sum, d.sum, d.sum_yd, m.n);
  const v = vy / md ** 2 - (2 * my * c) / md ** 3 + (my * my * vd) / md ** 4;
  return v > 0 ? v : 0;
}

/** The metric's value in a variant: the share or the mean, Σy/Σd for a ratio (NaN if Σd = 0). */
export function metricMean(kind: MetricKind, m: VariantMoments): number {
  if (kind !== 'ratio') return momentMean(m.sum, m.n);
  const d = m.denominator?.sum ?? 0;
  return d !== 0 ? m.sum / d : NaN;
}

/**
 * Per-user variance of a metric: p(1 − p) for binomial, the sample variance for a mean, the
 * delta-method variance for a ratio.
 */
export function metricVariance(kind: MetricKind, m: VariantMoments): number {
  if (kind === 'ratio') return ratioVariance(m);
  if (kind === 'binomial') {
    const p = momentMean(m.sum, m.n);
    return p * (1 - p);
  }
  return momentVariance(m.sum, m.sum_sq, m.n);
}

/**
 * Delta-method relative lift with a (1 − alpha) interval and two-sided p-value: t with `df`
 * degrees of freedom (Welch's, as gbstats), or normal when df is Infinity.
 */
export function relativeLift(
  controlMean: number,
  controlVarOverN: number,
  treatmentMean: number,
  treatmentVarOverN: number,
  alpha: number,
  df = Infinity,
): {
  readonly lift: number;
  readonly se: number;
  readonly ci: readonly [number, number];
  readonly p_value: number;
} {
  const mc = controlMean;
  const lift = treatmentMean / mc - 1;
  const se = sqrt(
    treatmentVarOverN / (mc * mc) + (treatmentMean * treatmentMean * controlVarOverN) / mc ** 4,
  );
  const finite = Number.isFinite(df);
  const q = finite ? tQuantile(1 - alpha / 2, df) : normalQuantile(1 - alpha / 2);
  const p = finite ? tTwoSided(lift / se, df) : normalTwoSided(lift / se);
  return { lift, se, ci: [lift - q * se, lift + q * se], p_value: p };
}

/**
 * Welch's t on summaries: means, variances of the means (σ²/n) and sizes:
 *   t = (μ_t − μ_c)/√(v_c + v_t),  ν = (v_c + v_t)² / (v_c²/(n_c − 1) + v_t²/(n_t − 1)).
 */
export function welchFromSummaries(
  mc: number,
  vcOverN: number,
  nc: number,
  mt: number,
  vtOverN: number,
  nt: number,
  alpha: number,
): {
  readonly t: number;
  readonly df: number;
  readonly p_value: number;
  readonly ci: readonly [number, number];
  readonly se: number;
} {
  const se = sqrt(vcOverN + vtOverN);
  const t = (mt - mc) / se;
  const df = welchDf(vcOverN, nc, vtOverN, nt);
  const q = tQuantile(1 - alpha / 2, df);
  return { t, df, p_value: tTwoSided(t, df), ci: [mt - mc - q * se, mt - mc + q * se], se };
}

const NAN_PAIR: readonly [number, number] = [NaN, NaN];

/** Compares `treatment` with `control` on one metric at level alpha. */
export function compareVariants(
  kind: MetricKind,
  control: VariantMoments,
  treatment: VariantMoments,
  alpha = 0.05,
): FrequentistComparison {
  const mc = metricMean(kind, control);
  const mt = metricMean(kind, treatment);
  const test = kind === 'binomial' ? 'two_proportion_z' : 'welch_t';
  const base = {
    test,
    control_mean: mc,
    treatment_mean: mt,
    absolute_lift: mt - mc,
    absolute_ci: NAN_PAIR,
    relative_lift: mt / mc - 1,
    relative_ci: NAN_PAIR,
    relative_se: NaN,
    relative_p_value: NaN,
    statistic: NaN,
    df: NaN,
    p_value: NaN,
    se: NaN,
  } as const;
  if (control.n < 2 || treatment.n < 2) {
    return { ...base, status: 'too_few_users', reason: 'each variant needs at least 2 users' };
  }
  if (kind === 'ratio' && !(Number.isFinite(mc) && Number.isFinite(mt))) {
    return {
      ...base,
      status: 'zero_denominator',
      reason: 'the denominator sums to 0 in a variant (or was not pulled): no ratio',
    };
  }
  const vc = metricVariance(kind, control) / control.n;
  const vt = metricVariance(kind, treatment) / treatment.n;
  const se = sqrt(vc + vt);
  if (!(se > 0)) {
    return {
      ...base,
      status: 'zero_variance',
      reason: 'the metric does not vary in either variant',
    };
  }
  let statistic: number;
  let df: number;
  let p: number;
  let absCi: readonly [number, number];
  if (kind === 'binomial') {
    const z = twoProportionZTest(treatment.sum, treatment.n, control.sum, control.n, alpha);
    if (z.status !== 'ok') {
      return { ...base, status: 'zero_variance', reason: z.reason };
    }
    statistic = z.z;
    df = Infinity;
    p = z.p_value;
    absCi = z.ci;
  } else {
    const w = welchFromSummaries(mc, vc, control.n, mt, vt, treatment.n, alpha);
    statistic = w.t;
    df = w.df;
    p = w.p_value;
    absCi = w.ci;
  }
  const rel =
    mc !== 0 ? relativeLift(mc, vc, mt, vt, alpha, welchDf(vc, control.n, vt, treatment.n)) : null;
  return {
    ...base,
    status: mc !== 0 ? 'ok' : 'zero_control_mean',
    reason: mc !== 0 ? '' : 'control mean is 0: relative lift undefined',
    statistic,
    df,
    p_value: p,
    se,
    absolute_ci: absCi,
    relative_lift: rel ? rel.lift : NaN,
    relative_ci: rel ? rel.ci : NAN_PAIR,
    relative_se: rel ? rel.se : NaN,
    relative_p_value: rel ? rel.p_value : NaN,
  };
}
