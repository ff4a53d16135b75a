/**
 * CUPED (Deng, Xu, Kohavi & Walker, WSDM 2013): regress out a pre-period covariate x.
 *   θ = Cov(x, y) / Var(x), pooled over the compared variants;
 *   ȳ_i^cuped = ȳ_i − θ (x̄_i − x̄),   Var_i^cuped = Var(y_i) + θ² Var(x_i) − 2θ Cov(x_i, y_i);
 * the variance shrinks by the factor 1 − ρ² when θ is the pooled regression slope. The
 * adjusted difference is then tested with Welch's t, and the relative lift uses the delta
 * method on the adjusted means (the unadjusted control mean as the base, as GrowthBook does).
 */
import { FrequentistComparison, relativeLift, welchFromSummaries } from './frequentist';
import { momentCovariance, momentMean, momentVariance, VariantMoments } from './moments';

export interface CupedComparison extends FrequentistComparison {
  /** Regression slope of the metric on its pre-period value. */
  readonly theta: number;
  /** 1 − Var(adjusted difference)/Var(unadjusted difference). */
  readonly variance_reduction: number;
}

export type CupedStatus = 'ok' | 'no_covariate' | 'no_covariate_variance' | 'too_few_users';

function moments(m: VariantMoments): {
  vy: number;
  vx: number;
  cxy: number;
  my: number;
  mx: number;
} {
  const pre = m.pre ?? { sum: 0, sum_sq: 0, sum_xy: 0 };
  return {
    my: momentMean(m.sum, m.n),
    mx: momentMean(pre.sum, m.n),
    vy: momentVariance(m.sum, m.sum_sq, m.n),
    vx: momentVariance(pre.sum, pre.sum_sq, m.n),
    cxy: momentCovariance(pre.sum, m.sum, pre.sum_xy, m.n),
  };
}

/** CUPED-adjusted comparison, or a status saying why it cannot be made. */
export function cupedCompare(
  control: VariantMoments,
  treatment: VariantMoments,
  alpha = 0.05,
): CupedComparison | { readonly status: Exclude<CupedStatus, 'ok'>; readonly reason: string } {
  if (!control.pre || !treatment.pre) {
    return { status: 'no_covariate', reason: 'no pre-period covariate was pulled' };
  }
  if (control.n < 3 || treatment.n < 3) {
    return { status: 'too_few_users', reason: 'each variant needs at least 3 users' };
  }
  const n = control.n + treatment.n;
  const sx = control.pre.sum + treatment.pre.sum;
  const vx = momentVariance(sx, control.pre.sum_sq + treatment.pre.sum_sq, n);
  if (!(vx > 0)) {
    return { status: 'no_covariate_variance', reason: 'the pre-period covariate is constant' };
  }
  const cxy = momentCovariance(
    sx,
    control.sum + treatment.sum,
    control.pre.sum_xy + treatment.pre.sum_xy,
    n,
  );
  const theta = cxy / vx;
  const xbar = sx / n;
  const c = moments(control);
  const t = moments(treatment);
  const adj = (m: typeof c) => ({
    mean: m.my - theta * (m.mx - xbar),
    v: Math.max(m.vy + theta * theta * m.vx - 2 * theta * m.cxy, 0),
  });
  const ac = adj(c);
  const at = adj(t);
  const vc = ac.v / control.n;
  const vt = at.v / treatment.n;
  const w = welchFromSummaries(ac.mean, vc, control.n, at.mean, vt, treatment.n, alpha);
  const unadjusted = c.vy / control.n + t.vy / treatment.n;
  const rel =
    c.my !== 0 ? relativeLift(c.my, vc, c.my + (at.mean - ac.mean), vt, alpha, w.df) : null;
  return {
    status: 'ok',
    reason: '',
    test: 'welch_t',
    control_mean: ac.mean,
    treatment_mean: at.mean,
    absolute_lift: at.mean - ac.mean,
    absolute_ci: w.ci,
    relative_lift: rel ? rel.lift : NaN,
    relative_ci: rel ? rel.ci : [NaN, NaN],
    relative_se: rel ? rel.se : NaN,
    relative_p_value: rel ? rel.p_value : NaN,
    statistic: w.t,
    df: w.df,
    p_value: w.p_value,
    se: w.se,
    theta,
    variance_reduction: unadjusted > 0 ? 1 - (vc + vt) / unadjusted : 0,
  };
}
