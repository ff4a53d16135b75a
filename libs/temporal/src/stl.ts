import { allFinite, assertInput } from '@hirelearn/stats';
import { loessAt, loessSmooth } from './loess';
import type { TemporalStatusFields } from './status';

/** STL options (Cleveland et al. 1990); windows are odd, in observations. */
export interface StlOptions {
  /** Observations per cycle (12 for monthly data with a yearly season). */
  readonly period: number;
  /** Seasonal smoothing window (ns), odd >= 3. Large (>= 10 cycles) is a "periodic" season. */
  readonly seasonal?: number;
  /** Trend window (nt); default the smallest odd >= 1.5 period / (1 - 1.5 / seasonal). */
  readonly trend?: number;
  /** Low-pass window (nl); default the smallest odd > period. */
  readonly low_pass?: number;
  readonly seasonal_deg?: 0 | 1;
  readonly trend_deg?: 0 | 1;
  readonly low_pass_deg?: 0 | 1;
  /** Fit every this many points and interpolate; default ceil(window / 10). */
  readonly seasonal_jump?: number;
  readonly trend_jump?: number;
  readonly low_pass_jump?: number;
  /** Passes of the inner loop (default 2, or 1 when robust as in R). */
  readonly inner?: number;
  /** Robustness iterations of the outer loop (0 = not robust; default 15 when robust). */
  readonly outer?: number;
  /** Down-weight outliers by bisquare robustness weights (default true). */
  readonly robust?: boolean;
  /** Cycles the series must span before a season is estimated (default 2). */
  readonly min_cycles?: number;
}

/** The decomposition y = trend + seasonal + remainder, with the final robustness weights. */
export interface StlResult extends TemporalStatusFields {
  readonly period: number;
  readonly trend: readonly number[];
  readonly seasonal: readonly number[];
  readonly remainder: readonly number[];
  /** Robustness weights of the last pass (all 1 when not robust). */
  readonly weights: readonly number[];
  /**
   * Strength of the season, max(0, 1 - var(remainder) / var(seasonal + remainder))
   * (Wang, Smith and Hyndman 2006): 0 none, 1 the season explains all non-trend variation.
   */
  readonly seasonal_strength: number | null;
  /** Strength of the trend, the same measure with the trend in place of the season. */
  readonly trend_strength: number | null;
}

const odd = (v: number) => (v % 2 === 0 ? v + 1 : v);

/** The windows, degrees, jumps and loop counts STL runs with (the reference's defaults). */
export function stlParameters(o: StlOptions) {
  assertInput(Number.isInteger(o.period) && o.period >= 2, 'period must be an integer >= 2');
  const np = o.period;
  const ns = odd(Math.max(3, o.seasonal ?? 7));
  const nt = odd(Math.max(3, o.trend ?? Math.ceil((1.5 * np) / (1 - 1.5 / ns))));
  const nl = odd(Math.max(3, o.low_pass ?? np + 1));
  assertInput(nt > np || o.trend === undefined, 'trend must be an odd integer > period');
  const robust = o.robust ?? true;
  const jump = (v: number | undefined, window: number) => {
    const j = v ?? Math.ceil(window / 10);
    assertInput(Number.isInteger(j) && j >= 1, 'jumps must be integers >= 1');
    return j;
  };
  return {
    np,
    ns,
    nt,
    nl,
    isdeg: o.seasonal_deg ?? 1,
    itdeg: o.trend_deg ?? 1,
    ildeg: o.low_pass_deg ?? 1,
    nsjump: jump(o.seasonal_jump, ns),
    ntjump: jump(o.trend_jump, nt),
    nljump: jump(o.low_pass_jump, nl),
    ni: o.inner ?? (robust ? 1 : 2),
    no: o.outer ?? (robust ? 15 : 0),
    min_cycles: o.min_cycles ?? 2,
  } as const;
}

/** Moving average of x[0..n) with window len into out[0..n-len]. */
function movingAverage(x: Float64Array, n: number, len: number, out: Float64Array): void {
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i];
  out[0] = v / len;
  for (let j = 1, k = len, m = 0; j < n - len + 1; j++, k++, m++) {
    v = v - x[m] + x[k];
    out[j] = v / len;
  }
}

/** Bisquare robustness weights from the residuals: 6 * median |residual| is the cut-off. */
function robustnessWeights(y: readonly number[], fit: Float64Array, rw: Float64Array): void {
  const n = y.length;
  const abs = Float64Array.from(y, (v, i) => Math.abs(v - fit[i]));
  const sorted = Float64Array.from(abs).sort();
  const mid2 = Math.trunc(n / 2) + 1;
  const mid1 = n - mid2 + 1;
  const cmad = 3 * (sorted[mid1 - 1] + sorted[mid2 - 1]);
  const c9 = 0.999 * cmad;
  const c1 = 0.001 * cmad;
  for (let i = 0; i < n; i++) {
    const r = abs[i];
    rw[i] = r <= c1 ? 1 : r <= c9 ? (1 - (r / cmad) ** 2) ** 2 : 0;
  }
}

/**
 * Seasonal-trend decomposition by LOESS (Cleveland, Cleveland, McRae and Terpenning 1990),
 * a port of the published algorithm: the inner loop alternates cycle-subseries smoothing,
 * low-pass filtering and trend smoothing; the outer loop recomputes robustness weights.
 * Checked against the reference Fortran's output on the co2 series (fixtures/).
 * A series shorter than `min_cycles` periods gets status `too_short_for_season` and no
 * components.
 */
export function stl(y: readonly number[], options: StlOptions): StlResult {
  const p = stlParameters(options);
  const n = y.length;
  const empty = (status: StlResult['status'], reason: string): StlResult =>
    Object.freeze({
      status,
      reason,
      period: p.np,
      trend: [],
      seasonal: [],
      remainder: [],
      weights: [],
      seasonal_strength: null,
      trend_strength: null,
    });
  if (n === 0) return empty('empty_input', 'the series is empty');
  if (!allFinite(y))
    return empty('non_finite_input', 'the series has missing or non-finite values');
  if (n < p.min_cycles * p.np)
    return empty(
      'too_short_for_season',
      `a season of ${p.np} needs at least ${p.min_cycles * p.np} observations (${p.min_cycles} cycles); the series has ${n}`,
    );
  const np = p.np;
  const len = n + 2 * np;
  const trend = new Float64Array(n);
  const season = new Float64Array(n);
  const rw = new Float64Array(n).fill(1);
  const w1 = new Float64Array(len);
  const w2 = new Float64Array(len);
  const w3 = new Float64Array(len);
  const w4 = new Float64Array(len);
  const w5 = new Float64Array(len);
  let userw = false;
  for (let k = 0; ;) {
    for (let pass = 0; pass < p.ni; pass++) {
      for (let i = 0; i < n; i++) w1[i] = y[i] - trend[i];
      cycleSubseries(w1, n, p, userw ? rw : null, w2, w3, w4, w5);
      // Low-pass filter of the cycle-subseries: moving averages np, np, 3, then LOESS.
      movingAverage(w2, len, np, w3);
      movingAverage(w3, len - np + 1, np, w1);
      movingAverage(w1, len - 2 * np + 2, 3, w3);
      loessSmooth(w3, n, p.nl, p.ildeg, p.nljump, null, w1, 0, w5);
      for (let i = 0; i < n; i++) season[i] = w2[np + i] - w1[i];
      for (let i = 0; i < n; i++) w1[i] = y[i] - season[i];
      loessSmooth(w1, n, p.nt, p.itdeg, p.ntjump, userw ? rw : null, trend, 0, w3);
    }
    k++;
    if (k > p.no) break;
    for (let i = 0; i < n; i++) w1[i] = trend[i] + season[i];
    robustnessWeights(y, w1, rw);
    userw = true;
  }
  if (p.no <= 0) rw.fill(1);
  const remainder = y.map((v, i) => v - trend[i] - season[i]);
  const variance = (xs: ArrayLike<number>) => {
    let m = 0;
    for (let i = 0; i < xs.length; i++) m += xs[i];
    m /= xs.length;
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
    return s / xs.length;
  };
  const vr = variance(remainder);
  const strength = (component: Float64Array) => {
    const v = variance(component.map((c, i) => c + remainder[i]));
    return v > 0 ? Math.max(0, 1 - vr / v) : null;
  };
  return Object.freeze({
    status: 'ok',
    reason: '',
    period: np,
    trend: Object.freeze(Array.from(trend)),
    seasonal: Object.freeze(Array.from(season)),
    remainder: Object.freeze(remainder),
    weights: Object.freeze(Array.from(rw)),
    seasonal_strength: strength(season),
    trend_strength: strength(trend),
  });
}

/**
 * Smooths each cycle-subseries (every np-th value) by LOESS and extends it one cycle at each
 * end, writing the n + 2 np values into `season`.
 */
function cycleSubseries(
  y: Float64Array,
  n: number,
  p: ReturnType<typeof stlParameters>,
  rw: Float64Array | null,
  season: Float64Array,
  sub: Float64Array,
  subRw: Float64Array,
  work: Float64Array,
): void {
  const { np, ns, isdeg, nsjump } = p;
  const smooth = new Float64Array(Math.ceil(n / np) + 2);
  for (let j = 1; j <= np; j++) {
    const k = Math.trunc((n - j) / np) + 1;
    for (let i = 1; i <= k; i++) sub[i - 1] = y[(i - 1) * np + j - 1];
    if (rw) for (let i = 1; i <= k; i++) subRw[i - 1] = rw[(i - 1) * np + j - 1];
    const weights = rw ? subRw : null;
    loessSmooth(sub, k, ns, isdeg, nsjump, weights, smooth, 1, work);
    const first = loessAt(sub, k, ns, isdeg, 0, 1, Math.min(ns, k), work, weights);
    smooth[0] = first ?? smooth[1];
    const last = loessAt(sub, k, ns, isdeg, k + 1, Math.max(1, k - ns + 1), k, work, weights);
    smooth[k + 1] = last ?? smooth[k];
    for (let m = 1; m <= k + 2; m++) season[(m - 1) * np + j - 1] = smooth[m - 1];
  }
}
