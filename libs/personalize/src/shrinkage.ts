/**
 * Empirical-Bayes shrinkage of one user's figure toward their segment's, with the prior's
 * strength estimated from how much the segment's users really differ (method of moments).
 *
 * Why this and not a fixed k: a fixed number of pseudo-observations (analytics' `shrunkRate`
 * uses 10) says nothing about the segment. If users truly differ a lot, a user's own 30
 * applications say much about them and should win; if they differ no more than coin flips
 * explain, even 300 applications of one user are mostly noise around the segment's value.
 * The between-user variance tells which, and it is estimated from the same data:
 *
 * - Rates (interview rate of a category): beta-binomial. Each user's true rate p_i ~ Beta
 *   with mean m and strength k (= a + b); x_i ~ Binomial(n_i, p_i). Then the posterior mean is
 *   (x_i + k·m) / (n_i + k) = w·x_i/n_i + (1 − w)·m with w = n_i / (n_i + k). Moments
 *   (Kleinman 1973): Var(x_i/n_i) = τ² + (m(1−m) − τ²)/n_i with τ² = m(1−m)/(k + 1), so from
 *   the sample variance S² of the users' rates and h = mean(1/n_i):
 *   τ² = (S² − m(1−m)·h) / (1 − h) and k = m(1−m)/τ² − 1.
 * - Counts over exposure (applications per week): gamma-Poisson, the same with
 *   Var(x_i/t_i) = τ² + m/t_i, so τ² = S² − m·h and k = m/τ² (in weeks of exposure).
 * - Differences (a user's interview rate with tailoring minus without): normal-normal
 *   (Morris 1983; the DerSimonian-Laird moment estimate). y_i ~ N(θ_i, v_i), θ_i ~ N(μ, τ²):
 *   τ² = S² − mean(v_i), weight τ²/(τ² + v_i), which is n/(n + k) with k = σ²/τ² when
 *   v_i = σ²/n_i. The prior mean μ may come from elsewhere (the attribution's causal effect).
 *
 * τ² <= 0 (no detectable difference between users) gives k = `max_prior_strength`: the
 * segment's value for everyone. Fewer than two users: the same, there is no variance to read.
 */
import { mean, variance } from '@hirelearn/stats';

/** One user's successes x of n trials (rates), or count x over exposure n (pace). */
export interface CountUnit {
  readonly x: number;
  readonly n: number;
}

/** The prior a segment's users give one of them. */
export interface SegmentPrior {
  /** The segment's pooled value: Σx / Σn (rates, paces), or the given mean (differences). */
  readonly mean: number;
  /** τ², the variance of the users' true values (moment estimate, floored at 0). */
  readonly between_variance: number;
  /**
   * k, what the prior is worth in the unit of n (applications, weeks): a user with n gets the
   * weight n / (n + k) on their own value. `max_prior_strength` when τ² <= 0.
   */
  readonly prior_strength: number;
  /** Users the prior was estimated from. */
  readonly users: number;
}

/** A user's value shrunk toward the prior, with the weight their own data got. */
export interface Shrunk {
  readonly value: number;
  /** The user's own estimate (null without data). */
  readonly own: number | null;
  /** w in value = w·own + (1 − w)·prior. */
  readonly weight: number;
}

function priorOf(
  m: number,
  usable: readonly CountUnit[],
  noiseAtOne: number,
  strength: (tau2: number) => number,
  maxStrength: number,
  beta: boolean,
): SegmentPrior {
  if (usable.length < 2 || !(noiseAtOne > 0))
    return Object.freeze({
      mean: m,
      between_variance: 0,
      prior_strength: maxStrength,
      users: usable.length,
    });
  const s2 = variance(usable.map((u) => u.x / u.n));
  const h = mean(usable.map((u) => 1 / u.n));
  const tau2 = beta ? (h < 1 ? (s2 - noiseAtOne * h) / (1 - h) : 0) : s2 - noiseAtOne * h;
  const k = tau2 > 0 ? Math.min(maxStrength, Math.max(0, strength(tau2))) : maxStrength;
  return Object.freeze({
    mean: m,
    between_variance: Math.max(0, tau2),
    prior_strength: k,
    users: usable.length,
  });
}

/** The beta-binomial prior of a segment's rates (units: interviews x of applications n). */
export function betaBinomialPrior(units: readonly CountUnit[], maxStrength: number): SegmentPrior {
  const usable = units.filter((u) => u.n > 0);
  const n = usable.reduce((a, u) => a + u.n, 0);
  const m = n > 0 ? usable.reduce((a, u) => a + u.x, 0) / n : 0;
  const bernoulli = m * (1 - m);
  return priorOf(m, usable, bernoulli, (tau2) => bernoulli / tau2 - 1, maxStrength, true);
}

/** The gamma-Poisson prior of a segment's paces (units: applications x over weeks n). */
export function gammaPoissonPrior(units: readonly CountUnit[], maxStrength: number): SegmentPrior {
  const usable = units.filter((u) => u.n > 0);
  const n = usable.reduce((a, u) => a + u.n, 0);
  const m = n > 0 ? usable.reduce((a, u) => a + u.x, 0) / n : 0;
  return priorOf(m, usable, m, (tau2) => m / tau2, maxStrength, false);
}

/** (x + k·m) / (n + k): a rate or pace shrunk by its prior; weight n / (n + k). */
export function shrinkCount(unit: CountUnit, prior: SegmentPrior): Shrunk {
  if (unit.n <= 0) return Object.freeze({ value: prior.mean, own: null, weight: 0 });
  const k = prior.prior_strength;
  return Object.freeze({
    value: (unit.x + k * prior.mean) / (unit.n + k),
    own: unit.x / unit.n,
    weight: unit.n / (unit.n + k),
  });
}

/** One user's estimated difference and its sampling variance. */
export interface DifferenceUnit {
  readonly estimate: number;
  readonly variance: number;
}

/**
 * The normal-normal between-user variance of a segment's differences, τ² = S² − mean(v_i)
 * (floored at 0); the prior mean is the caller's (a causal effect, or the segment's mean).
 */
export function betweenUserVariance(units: readonly DifferenceUnit[]): number {
  const usable = units.filter((u) => Number.isFinite(u.estimate) && u.variance > 0);
  if (usable.length < 2) return 0;
  return Math.max(0, variance(usable.map((u) => u.estimate)) - mean(usable.map((u) => u.variance)));
}

/** θ̂ = w·y + (1 − w)·μ with w = τ² / (τ² + v); μ alone without the user's own estimate. */
export function shrinkDifference(
  unit: DifferenceUnit | null,
  priorMean: number,
  tau2: number,
): Shrunk {
  if (unit === null || !(unit.variance > 0) || !Number.isFinite(unit.estimate))
    return Object.freeze({ value: priorMean, own: null, weight: 0 });
  const w = tau2 / (tau2 + unit.variance);
  return Object.freeze({
    value: w * unit.estimate + (1 - w) * priorMean,
    own: unit.estimate,
    weight: w,
  });
}
