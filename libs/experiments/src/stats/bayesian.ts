/**
 * Bayesian engine: chance to win and risk (expected loss) of shipping the treatment.
 *
 * - binomial metrics: Beta(1 + x, 1 + n − x) posteriors (uniform prior), sampled with a seeded
 *   Marsaglia–Tsang gamma sampler (ACM TOMS 26, 2000): Beta(a, b) = G_a / (G_a + G_b);
 *   chance_to_win = P(p_t > p_c), risk_treatment = E[max(p_c − p_t, 0)],
 *   risk_control = E[max(p_t − p_c, 0)]. `betaChanceToWin` gives P(p_t > p_c) in closed form
 *   (Evan Miller, "Formulas for Bayesian A/B testing", 2015) to check the sampler.
 * - mean and ratio metrics: the normal approximation d ~ N(d̂, se²) (flat prior), so
 *   chance_to_win = Φ(d̂/se), risk_treatment = se·φ(d̂/se) − d̂·Φ(−d̂/se),
 *   risk_control = se·φ(d̂/se) + d̂·Φ(d̂/se).
 * For a metric where lower is better the difference is negated first.
 */
import { createRng, logBeta, normalCdf, normalPdf, Rng } from '@hirelearn/stats';
import { MetricKind, metricMean, metricVariance } from './frequentist';
import { VariantMoments } from './moments';

const { sqrt, log, exp } = Math;

export interface BayesianResult {
  readonly method: 'beta_binomial_monte_carlo' | 'normal_approximation';
  /** P(treatment better than control). */
  readonly chance_to_win: number;
  /** Expected loss of shipping the treatment (in metric units). */
  readonly risk_treatment: number;
  /** Expected loss of keeping the control. */
  readonly risk_control: number;
}

export interface BayesianSettings {
  readonly draws: number;
  readonly seed: number | string;
}

export const DEFAULT_BAYESIAN_SETTINGS: BayesianSettings = Object.freeze({
  draws: 20000,
  seed: 1,
});

/** Gamma(shape ≥ 1, 1) draw, Marsaglia–Tsang squeeze method. */
function gamma(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (log(u) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}

function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  return x / (x + gamma(rng, b));
}

/**
 * Closed-form P(p_B > p_A) for p_A ~ Beta(aA, bA), p_B ~ Beta(aB, bB), integer aB:
 *   Σ_{i=0}^{aB−1} exp( lnB(aA+i, bA+bB) − ln(bB+i) − lnB(1+i, bB) − lnB(aA, bA) ).
 */
export function betaChanceToWin(aA: number, bA: number, aB: number, bB: number): number {
  let total = 0;
  for (let i = 0; i < aB; i++) {
    total += exp(logBeta(aA + i, bA + bB) - log(bB + i) - logBeta(1 + i, bB) - logBeta(aA, bA));
  }
  return total;
}

/** Chance to win and risk of `treatment` against `control`. */
export function bayesianCompare(
  kind: MetricKind,
  control: VariantMoments,
  treatment: VariantMoments,
  higherIsBetter = true,
  settings: Partial<BayesianSettings> = {},
): BayesianResult {
  const s = { ...DEFAULT_BAYESIAN_SETTINGS, ...settings };
  const sign = higherIsBetter ? 1 : -1;
  if (kind === 'binomial') {
    const rng = createRng(s.seed);
    const aC = 1 + control.sum;
    const bC = 1 + control.n - control.sum;
    const aT = 1 + treatment.sum;
    const bT = 1 + treatment.n - treatment.sum;
    let wins = 0;
    let lossT = 0;
    let lossC = 0;
    for (let i = 0; i < s.draws; i++) {
      const d = sign * (beta(rng, aT, bT) - beta(rng, aC, bC));
      if (d > 0) {
        wins++;
        lossC += d;
      } else {
        lossT -= d;
      }
    }
    return {
      method: 'beta_binomial_monte_carlo',
      chance_to_win: wins / s.draws,
      risk_treatment: lossT / s.draws,
      risk_control: lossC / s.draws,
    };
  }
  const d = sign * (metricMean(kind, treatment) - metricMean(kind, control));
  const se = sqrt(
    metricVariance(kind, control) / control.n + metricVariance(kind, treatment) / treatment.n,
  );
  if (!(se > 0)) {
    const win = d > 0 ? 1 : d < 0 ? 0 : 0.5;
    return {
      method: 'normal_approximation',
      chance_to_win: win,
      risk_treatment: d < 0 ? -d : 0,
      risk_control: d > 0 ? d : 0,
    };
  }
  const z = d / se;
  return {
    method: 'normal_approximation',
    chance_to_win: normalCdf(z),
    risk_treatment: se * normalPdf(z) - d * normalCdf(-z),
    risk_control: se * normalPdf(z) + d * normalCdf(z),
  };
}
