/**
 * Nonparametric bootstrap confidence intervals (Efron & Tibshirani, An Introduction to the
 * Bootstrap, 1993): percentile (ch. 13) and BCa (ch. 14; Efron 1987, JASA 82).
 *
 *   θ̂ = s(x); θ*_b = s(x*_b), b = 1..B, x*_b resampled with replacement (rows, or whole
 *   clusters when `clusters` is given — the cluster/"block" bootstrap, Cameron, Gelbach &
 *   Miller 2008, REStat 90).
 *   percentile: [Q(α/2), Q(1−α/2)] of the θ* (type-7 quantiles).
 *   BCa: z0 = Φ⁻¹((#{θ* < θ̂} + ½ #{θ* = θ̂}) / B)
 *        a  = Σ (θ̄₍.₎ − θ₍ᵢ₎)³ / (6 [Σ (θ̄₍.₎ − θ₍ᵢ₎)²]^{3/2})   (jackknife; leave one row or
 *             one cluster out)
 *        α_lo = Φ(z0 + (z0 + z_{α/2}) / (1 − a (z0 + z_{α/2}))), α_hi likewise with z_{1−α/2};
 *        interval [Q(α_lo), Q(α_hi)].
 * Costs B statistic calls for the resamples plus n (or G) for the jackknife.
 * Non-finite replicates are dropped and counted (B_valid).
 */
import { mean, quantileSorted, sd } from './descriptives';
import { normalCdf, normalQuantile } from './distributions';
import { Rng } from './rng';
import { assertInput, StatusCode, StatusFields } from './status';

export interface BootstrapOptions<T> {
  /** Statistic of a sample (a resample is passed as a fresh array of the original items). */
  readonly statistic: (sample: readonly T[]) => number;
  /** Seeded generator (see createRng); consumed in a fixed order, so results are reproducible. */
  readonly rng: Rng;
  /** Number of resamples B. */
  readonly B: number;
  /** 1 − confidence level (default 0.05). */
  readonly alpha?: number;
  /** Cluster id per item: resample whole clusters instead of items. */
  readonly clusters?: readonly (string | number)[];
  /** Skip the jackknife (BCa fields become NaN). */
  readonly bca?: boolean;
}

export interface BootstrapInterval {
  readonly lower: number;
  readonly upper: number;
}

export interface BootstrapResult extends StatusFields {
  /** θ̂ on the full sample. */
  readonly estimate: number;
  /** SD of the valid replicates. */
  readonly se: number;
  /** mean(θ*) − θ̂. */
  readonly bias: number;
  readonly percentile: BootstrapInterval;
  readonly bca: BootstrapInterval;
  readonly z0: number;
  readonly acceleration: number;
  readonly B: number;
  readonly B_valid: number;
  readonly alpha: number;
  /** Number of resampling units (items or clusters). */
  readonly n_units: number;
}

const NAN_INTERVAL: BootstrapInterval = { lower: NaN, upper: NaN };

/** Bootstrap percentile and BCa intervals for `statistic` over `data`. */
export function bootstrap<T>(data: readonly T[], options: BootstrapOptions<T>): BootstrapResult {
  const { statistic, rng, B } = options;
  const alpha = options.alpha ?? 0.05;
  assertInput(Number.isInteger(B) && B >= 1, `bootstrap: B must be a positive integer, got ${B}`);
  assertInput(alpha > 0 && alpha < 1, `bootstrap: alpha must be in (0, 1), got ${alpha}`);
  const clusterIds = options.clusters;
  if (clusterIds !== undefined) {
    assertInput(
      clusterIds.length === data.length,
      `bootstrap: clusters has ${clusterIds.length} ids, data has ${data.length} items`,
    );
  }
  // Resampling units: each a list of item indices.
  let units: number[][];
  if (clusterIds === undefined) {
    units = data.map((_, i) => [i]);
  } else {
    const byId = new Map<string | number, number[]>();
    clusterIds.forEach((id, i) => {
      const list = byId.get(id);
      if (list === undefined) byId.set(id, [i]);
      else list.push(i);
    });
    units = Array.from(byId.values());
  }
  const G = units.length;
  const estimate = G > 0 ? statistic(data) : NaN;
  const fail = (status: StatusCode, reason: string, extra: Partial<BootstrapResult> = {}) => ({
    status,
    reason,
    estimate,
    se: NaN,
    bias: NaN,
    percentile: NAN_INTERVAL,
    bca: NAN_INTERVAL,
    z0: NaN,
    acceleration: NaN,
    B,
    B_valid: 0,
    alpha,
    n_units: G,
    ...extra,
  });
  if (G < 2) return fail('too_few_rows', `need at least 2 resampling units, got ${G}`);
  if (!Number.isFinite(estimate)) {
    return fail('degenerate_statistic', 'statistic is not finite on the full sample');
  }

  const reps: number[] = [];
  for (let b = 0; b < B; b++) {
    const sample: T[] = [];
    for (let g = 0; g < G; g++) {
      for (const i of units[rng.int(G)]) sample.push(data[i]);
    }
    const v = statistic(sample);
    if (Number.isFinite(v)) reps.push(v);
  }
  const Bv = reps.length;
  if (Bv < 2) return fail('degenerate_statistic', `only ${Bv} finite replicates`, { B_valid: Bv });
  reps.sort((a, b) => a - b);
  const se = sd(reps);
  const bias = mean(reps) - estimate;
  const percentile = {
    lower: quantileSorted(reps, alpha / 2),
    upper: quantileSorted(reps, 1 - alpha / 2),
  };
  const common = { estimate, se, bias, percentile, B_valid: Bv };
  if (!(reps[Bv - 1] > reps[0])) {
    return fail(
      'degenerate_statistic',
      'all bootstrap replicates are equal (zero variance)',
      common,
    );
  }
  if (options.bca === false) return { ...fail('ok', ''), ...common };

  let below = 0;
  let equal = 0;
  for (const v of reps) {
    if (v < estimate) below++;
    else if (v === estimate) equal++;
  }
  const z0 = normalQuantile((below + 0.5 * equal) / Bv);
  // Jackknife acceleration: leave one unit out.
  const jack: number[] = [];
  for (let g = 0; g < G; g++) {
    const sample: T[] = [];
    for (let h = 0; h < G; h++) if (h !== g) for (const i of units[h]) sample.push(data[i]);
    jack.push(statistic(sample));
  }
  if (!Number.isFinite(z0) || !jack.every(Number.isFinite)) {
    return fail(
      'degenerate_statistic',
      Number.isFinite(z0)
        ? 'statistic is not finite on a jackknife sample: BCa unavailable'
        : 'all replicates lie on one side of the estimate: BCa bias correction is infinite',
      { ...common, z0 },
    );
  }
  const jm = mean(jack);
  let num = 0;
  let den = 0;
  for (const v of jack) {
    const d = jm - v;
    num += d * d * d;
    den += d * d;
  }
  const a = den > 0 ? num / (6 * Math.pow(den, 1.5)) : 0;
  const adjust = (zAlpha: number): number => {
    const s = z0 + zAlpha;
    return normalCdf(z0 + s / (1 - a * s));
  };
  const aLo = adjust(normalQuantile(alpha / 2));
  const aHi = adjust(normalQuantile(1 - alpha / 2));
  return {
    status: 'ok',
    reason: '',
    ...common,
    bca: { lower: quantileSorted(reps, aLo), upper: quantileSorted(reps, aHi) },
    z0,
    acceleration: a,
    B,
    alpha,
    n_units: G,
  };
}
