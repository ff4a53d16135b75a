import { logBeta, logGamma, normalQuantile, regIncBeta } from '@hirelearn/stats';
import type { ExpectedInterviewRate } from './types';

const { exp, max, min, sqrt } = Math;

/**
 * A user's true interview rate as a Beta distribution with the given mean and variance
 * (method of moments; the variance is capped below the Bernoulli maximum m(1-m)).
 */
export function betaOf(mean: number, variance: number): { a: number; b: number } {
  const m = min(1 - 1e-6, max(1e-6, mean));
  const v = min(0.9 * m * (1 - m), max(1e-9, variance));
  const s = (m * (1 - m)) / v - 1;
  return { a: m * s, b: (1 - m) * s };
}

function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (regIncBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(K = k) for K ~ BetaBinomial(n, a, b), k = 0..n. */
export function betaBinomialPmf(n: number, a: number, b: number): number[] {
  const out: number[] = [];
  const lb = logBeta(a, b);
  for (let k = 0; k <= n; k++) {
    const logChoose = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
    out.push(exp(logChoose + logBeta(k + a, n - k + b) - lb));
  }
  return out;
}

/**
 * The central prediction interval of K/n with mid-p tails: the lower end is the smallest k
 * with P(K < k) + P(K = k)/2 ≥ α/2 (the upper end alike). A discrete count's plain quantile
 * interval covers well over 1 − α (each end's whole atom is inside); mid-p splits the atom
 * and covers about 1 − α on average.
 */
export function betaBinomialInterval(
  n: number,
  a: number,
  b: number,
  confidence: number,
): readonly [number, number] {
  const pmf = betaBinomialPmf(n, a, b);
  const tail = (1 - confidence) / 2;
  let below = 0;
  let lo = 0;
  for (let k = 0; k <= n; k++) {
    if (below + pmf[k] / 2 >= tail) {
      lo = k;
      break;
    }
    below += pmf[k];
  }
  let above = 0;
  let hi = n;
  for (let k = n; k >= 0; k--) {
    if (above + pmf[k] / 2 >= tail) {
      hi = k;
      break;
    }
    above += pmf[k];
  }
  return Object.freeze([lo / n, max(lo, hi) / n]) as readonly [number, number];
}

/**
 * Standard deviation of the realized rate over n applications when the true rate has this
 * mean and variance: Var(K/n) = m(1-m)/n + v(n-1)/n. Smooth in the inputs, so the active
 * learner compares questions by it rather than by the interval's whole-count ends.
 */
export function realizedRateSd(mean: number, variance: number, n: number): number {
  return sqrt((mean * (1 - mean)) / n + (variance * (n - 1)) / n);
}

/** Width of the 95% prediction interval by the normal approximation (the active learner's yardstick). */
export function predictionWidth(
  mean: number,
  variance: number,
  n: number,
  confidence: number,
): number {
  return 2 * normalQuantile(1 - (1 - confidence) / 2) * realizedRateSd(mean, variance, n);
}

/** The spec's expected interview rate: estimate, interval for the true rate, prediction interval. */
export function expectedInterviewRate(
  mean: number,
  variance: number,
  horizon: number,
  confidence: number,
): ExpectedInterviewRate {
  const { a, b } = betaOf(mean, variance);
  const tail = (1 - confidence) / 2;
  return Object.freeze({
    estimate: mean,
    interval: Object.freeze([betaQuantile(tail, a, b), betaQuantile(1 - tail, a, b)]) as readonly [
      number,
      number,
    ],
    prediction_interval: betaBinomialInterval(horizon, a, b, confidence),
    horizon,
  });
}
