/**
 * Inference for proportions.
 *
 * Wilson score interval (Wilson 1927, JASA 22; Agresti & Coull 1998, Am. Stat. 52):
 *   centre = (p̂ + z²/2n) / (1 + z²/n),
 *   half   = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²),   z = Φ⁻¹(1 − α/2)
 * i.e. the two roots p of |p̂ − p| = z √(p(1−p)/n).
 *
 * Two-proportion z test with pooled variance under H0: p1 = p2:
 *   p̄ = (x1 + x2)/(n1 + n2),  z = (p̂1 − p̂2) / √(p̄(1−p̄)(1/n1 + 1/n2));
 *   z² equals Pearson's X² for the 2×2 table (R `prop.test(correct = FALSE)`).
 *   The reported CI for p̂1 − p̂2 is the unpooled Wald interval.
 */
import { normalQuantile, normalTwoSided } from './distributions';
import { assertInput, StatusFields } from './status';

export interface WilsonInterval extends StatusFields {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

function checkCount(x: number, n: number, fn: string): void {
  assertInput(Number.isInteger(n) && n >= 0, `${fn}: n must be a non-negative integer, got ${n}`);
  assertInput(x >= 0 && x <= n, `${fn}: successes must be in [0, n], got ${x} of ${n}`);
}

/** Wilson score interval for x successes out of n at confidence 1 − alpha. */
export function wilsonInterval(x: number, n: number, alpha = 0.05): WilsonInterval {
  checkCount(x, n, 'wilsonInterval');
  assertInput(alpha > 0 && alpha < 1, `wilsonInterval: alpha must be in (0, 1), got ${alpha}`);
  if (n === 0) {
    return { status: 'empty_input', reason: 'n = 0', estimate: NaN, lower: 0, upper: 1 };
  }
  const z = normalQuantile(1 - alpha / 2);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return {
    status: 'ok',
    reason: '',
    estimate: p,
    lower: x === 0 ? 0 : Math.max(0, centre - half),
    upper: x === n ? 1 : Math.min(1, centre + half),
  };
}

export interface TwoProportionResult extends StatusFields {
  readonly p1: number;
  readonly p2: number;
  /** p̂1 − p̂2. */
  readonly diff: number;
  readonly z: number;
  readonly p_value: number;
  /** Unpooled Wald (1 − alpha) interval for p̂1 − p̂2. */
  readonly ci: readonly [number, number];
}

/** Two-sided two-proportion z test of x1/n1 vs x2/n2. */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  alpha = 0.05,
): TwoProportionResult {
  checkCount(x1, n1, 'twoProportionZTest');
  checkCount(x2, n2, 'twoProportionZTest');
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const nan = { z: NaN, p_value: NaN, ci: [NaN, NaN] as const };
  if (n1 === 0 || n2 === 0) {
    return {
      status: 'empty_input',
      reason: 'both groups need n > 0',
      p1,
      p2,
      diff: p1 - p2,
      ...nan,
    };
  }
  const pooled = (x1 + x2) / (n1 + n2);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se0 > 0)) {
    return {
      status: 'zero_variance',
      reason: 'pooled proportion is 0 or 1: no variation to test',
      p1,
      p2,
      diff: p1 - p2,
      ...nan,
    };
  }
  const z = (p1 - p2) / se0;
  const seW = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const q = normalQuantile(1 - alpha / 2);
  return {
    status: 'ok',
    reason: '',
    p1,
    p2,
    diff: p1 - p2,
    z,
    p_value: normalTwoSided(z),
    ci: [p1 - p2 - q * seW, p1 - p2 + q * seW],
  };
}
