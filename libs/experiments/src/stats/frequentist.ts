/**
 * Fixed-horizon comparison of a treatment with the control from sufficient statistics.
 *
 * - binomial metrics: the two-proportion z test of @hirelearn/stats (pooled z, unpooled
 *   Wald interval for p_t − p_c);
 * - mean metrics: Welch's t (Welch–Satterthwaite df) computed from the moments, the same
 *   numbers as `welchTTest` on the raw values;
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
} from '@hirelearn/stats';
import { momentMean, momentVariance, VariantMoments } from './moments';

const { sqrt } = Math;

export type MetricKind = 'binomial' | 'mean';

export type ComparisonStatus = 'ok' | 'too_few_users' | 'zero_variance' | 'zero_control_mean';

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

/** Per-user variance of a metric: p(1 − p) for binomial, the sample variance otherwise. */
export function metricVariance(kind: MetricKind, m: VariantMoments): number {
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

/** Welch–Satterthwaite degrees of freedom from the variances of the two means. */
export function welchDf(vcOverN: number, nc: number, vtOverN: number, nt: number): number {
  return (
    (vcOverN + vtOverN) ** 2 / ((vcOverN * vcOverN) / (nc - 1) + (vtOverN * vtOverN) / (nt - 1))
  );
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
  const df =
    (vcOverN + vtOverN) ** 2 / ((vcOverN * vcOverN) / (nc - 1) + (vtOverN * vtOverN) / (nt - 1));
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
  const mc = momentMean(control.sum, control.n);
  const mt = momentMean(treatment.sum, treatment.n);
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
