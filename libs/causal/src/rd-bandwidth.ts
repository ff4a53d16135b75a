/**
 * Imbens-Kalyanaraman bandwidth for local linear regression discontinuity with the triangular
 * kernel (Imbens & Kalyanaraman 2012, Rev. Econ. Stud. 79(3); the NBER w14726 algorithm as in
 * R `rdd::IKbandwidth`), for running variable X, cutoff c, N units:
 *   1. pilot h₁ = 1.84 S_X N^{-1/5}; f̂ = (N₋ + N₊) / (2 N h₁) and the pooled variance σ̂² of Y
 *      around the side means, both within c ± h₁;
 *   2. third derivative m̂₃ = 6 γ̂₃ from Y ~ 1{X ≥ c} + (X−c) + (X−c)² + (X−c)³ fitted between the
 *      medians of X on each side; pilot h₂,± = 3.56 (σ̂² / (f̂ max(m̂₃², 0.01)))^{1/7} N±^{-1/7};
 *   3. curvatures m̂₂,± = 2 × the quadratic coefficient of Y ~ (X−c) + (X−c)² on each side
 *      within h₂,±; regularization r± = 720 σ̂² / (n± h₂,±⁴) with n± the counts inside;
 *   h = C_K (2σ̂² / (f̂ ((m̂₂,₊ − m̂₂,₋)² + r₊ + r₋)))^{1/5} N^{-1/5},  C_K = 3.4375 (triangular).
 * Returns NaN when a step has too little data near the cutoff.
 */
import { leastSquaresQr, median, ols, sandwich, scoreMeat, sd } from '@hirelearn/stats';

const C_TRIANGULAR = 3.4375;

/** Least-squares coefficients of y on polynomial rows, or null when the fit fails. */
function fit(rows: number[][], y: number[]): readonly number[] | null {
  if (rows.length <= (rows[0]?.length ?? 0)) return null;
  const r = ols(rows, y);
  return r.status === 'ok' ? r.coefficients : null;
}

/** Imbens-Kalyanaraman bandwidth (see module doc); NaN if the data near c are too thin. */
export function ikBandwidth(
  running: readonly number[],
  outcome: readonly number[],
  cutoff: number,
): number {
  const n = running.length;
  const h1 = 1.84 * sd(running) * n ** (-1 / 5);
  const left = running.flatMap((x, i) => (x >= cutoff - h1 && x < cutoff ? [i] : []));
  const right = running.flatMap((x, i) => (x >= cutoff && x <= cutoff + h1 ? [i] : []));
  if (left.length < 2 || right.length < 2) return NaN;
  const avg = (idx: number[]): number => idx.reduce((s, i) => s + outcome[i], 0) / idx.length;
  const yl = avg(left);
  const yr = avg(right);
  const sigma2 =
    (left.reduce((s, i) => s + (outcome[i] - yl) ** 2, 0) +
      right.reduce((s, i) => s + (outcome[i] - yr) ** 2, 0)) /
    (left.length + right.length);
  const f = (left.length + right.length) / (2 * n * h1);

  const below = running.filter((x) => x < cutoff);
  const above = running.filter((x) => x >= cutoff);
  const lo = median(below);
  const hi = median(above);
  const mid = running.flatMap((x, i) => (x >= lo && x <= hi ? [i] : []));
  const cubic = fit(
    mid.map((i) => {
      const d = running[i] - cutoff;
      return [1, running[i] >= cutoff ? 1 : 0, d, d * d, d * d * d];
    }),
    mid.map((i) => outcome[i]),
  );
  if (cubic === null) return NaN;
  const m3 = 6 * cubic[4];
  const pilot = (count: number): number =>
    3.56 * count ** (-1 / 7) * (sigma2 / (f * Math.max(m3 * m3, 0.01))) ** (1 / 7);
  const h2l = pilot(below.length);
  const h2r = pilot(above.length);
  const side = (inside: (x: number) => boolean): { m2: number; count: number } | null => {
    const idx = running.flatMap((x, i) => (inside(x) ? [i] : []));
    const q = fit(
      idx.map((i) => [1, running[i] - cutoff, (running[i] - cutoff) ** 2]),
      idx.map((i) => outcome[i]),
    );
    return q === null ? null : { m2: 2 * q[2], count: idx.length };
  };
  const l = side((x) => x >= cutoff - h2l && x < cutoff);
  const r = side((x) => x >= cutoff && x <= cutoff + h2r);
  if (l === null || r === null) return NaN;
  const rl = (720 * sigma2) / (l.count * h2l ** 4);
  const rr = (720 * sigma2) / (r.count * h2r ** 4);
  return (
    C_TRIANGULAR * ((2 * sigma2) / (f * ((r.m2 - l.m2) ** 2 + rr + rl))) ** (1 / 5) * n ** (-1 / 5)
  );
}

/** Bandwidths of `mseRdBandwidth` (all NaN when the data near the cutoff are too thin). */
export interface MseRdBandwidth {
  /** For the local linear estimate. */
  readonly h: number;
  /** For the bias (local quadratic) estimate. */
  readonly b: number;
  /** Pilot bandwidth of the variance constants. */
  readonly pilot: number;
  /** Pilot bandwidth of the third-derivative step. */
  readonly derivative_pilot: number;
}

/** Triangular kernel weight K((x − c)/h)/h, as rdrobust scales it. */
const triangular = (x: number, c: number, h: number): number => {
  const u = Math.abs((x - c) / h);
  return u <= 1 ? (1 - u) / h : 0;
};

/** Type-2 sample quantile (R's `quantile(type = 2)`, which rdrobust uses for the IQR). */
function quantileType2(sorted: readonly number[], p: number): number {
  const np = sorted.length * p;
  const j = Math.floor(np);
  return np - j > 4 * Number.EPSILON ? sorted[j] : (sorted[j - 1] + sorted[j]) / 2;
}

/** One side of the cutoff, sorted by x. */
interface Side {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** For each unit of the sorted `x`, the first and last index of its run of equal values. */
function equalRuns(x: readonly number[]): { first: Int32Array; last: Int32Array } {
  const n = x.length;
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  for (let i = 0; i < n; i++) first[i] = i > 0 && x[i - 1] === x[i] ? first[i - 1] : i;
  for (let i = n - 1; i >= 0; i--) last[i] = i < n - 1 && x[i + 1] === x[i] ? last[i + 1] : i;
  return { first, last };
}

/**
 * Nearest-neighbour residuals (Calonico, Cattaneo & Titiunik 2014, Econometrica 82(6), §3.1;
 * Abadie & Imbens 2006) of y sorted by x: ε̂_i = √(J/(J+1)) (y_i − mean of the J nearest other y),
 * J = `matches` (3, as rdrobust), widened to every unit as near as the J-th one so that ties in x
 * or in distance enter together (distances within a relative 1.5e-8 count as equal).
 */
function nnResiduals(s: Side, matches = 3): number[] {
  const n = s.y.length;
  const J = Math.min(matches, n - 1);
  const tie = 1 + Math.sqrt(Number.EPSILON);
  // Scores repeat (10⁵ applications over ~100 values): the widening below steps over whole runs
  // of equal x, and the sum over a window [lo, hi] is made once, in the same order, for every
  // unit whose window it is. Unit by unit, both were quadratic in the run length.
  const { first, last } = equalRuns(s.x);
  const sums = new Map<number, number>();
  return s.y.map((yi, i) => {
    // distance to the J-th nearest other unit, merging outwards from i
    let a = i - 1;
    let b = i + 1;
    let dJ = 0;
    for (let found = 0; found < J; found++) {
      const da = a >= 0 ? s.x[i] - s.x[a] : Infinity;
      const db = b < n ? s.x[b] - s.x[i] : Infinity;
      if (da <= db) {
        dJ = da;
        a--;
      } else {
        dJ = db;
        b++;
      }
    }
    let lo = i;
    let hi = i;
    while (lo > 0 && s.x[i] - s.x[lo - 1] <= dJ * tie) lo = first[lo - 1];
    while (hi < n - 1 && s.x[hi + 1] - s.x[i] <= dJ * tie) hi = last[hi + 1];
    const key = lo * n + hi;
    let sum = sums.get(key);
    if (sum === undefined) {
      sum = 0;
      for (let j = lo; j <= hi; j++) sum += s.y[j];
      sums.set(key, sum);
    }
    const m = hi - lo;
    return Math.sqrt(m / (m + 1)) * (yi - (sum - yi) / m);
  });
}

/** Weighted polynomial fit of order `o` in (x − c) within bandwidth h, with its NN sandwich. */
interface LocalFit {
  readonly beta: readonly number[];
  /** (RᵀWR)⁻¹ */
  readonly inv: readonly (readonly number[])[];
  /** Σ_i w_i R_i ((x_i − c)/h)^(o+1): the leading bias term's design moment. */
  readonly v: readonly number[];
  /** (RᵀWR)⁻¹ [Σ ε̂_i² w_i² R_i R_iᵀ] (RᵀWR)⁻¹ with NN residuals. */
  readonly vcov: readonly (readonly number[])[];
}

function localFit(s: Side, c: number, h: number, o: number): LocalFit | null {
  const idx = s.x.flatMap((x, i) => (triangular(x, c, h) > 0 ? [i] : []));
  if (idx.length <= o + 1) return null;
  const w = idx.map((i) => triangular(s.x[i], c, h));
  const R = idx.map((i) => Array.from({ length: o + 1 }, (_, j) => (s.x[i] - c) ** j));
  const fit = leastSquaresQr(
    R.map((row, k) => row.map((v) => v * Math.sqrt(w[k]))),
    idx.map((i, k) => s.y[i] * Math.sqrt(w[k])),
  );
  if (!fit.full_rank) return null;
  const res = nnResiduals({ x: idx.map((i) => s.x[i]), y: idx.map((i) => s.y[i]) });
  const { meat } = scoreMeat(
    R.map((row, k) => row.map((v) => v * w[k] * res[k])),
    null,
    o + 1,
  );
  const v = Array.from({ length: o + 1 }, (_, j) =>
    idx.reduce((acc, i, k) => acc + R[k][j] * w[k] * ((s.x[i] - c) / h) ** (o + 1), 0),
  );
  return { beta: fit.beta, inv: fit.xtx_inv, v, vcov: sandwich(fit.xtx_inv, meat, 1) };
}

/**
 * Variance, bias and regularization constants of one side for a local polynomial of order `o`
 * estimating the `nu`-th derivative (rdrobust's `rdrobust_bw`): the variance at the pilot
 * bandwidth hV, the bias from an order-oB fit at hB.
 */
function constants(
  s: Side,
  c: number,
  o: number,
  nu: number,
  oB: number,
  hV: number,
  hB: number,
  regularize: boolean,
): { V: number; B: number; R: number } | null {
  const fv = localFit(s, c, hV, o);
  const fb = localFit(s, c, hB, oB);
  if (fv === null || fb === null) return null;
  const bConst = hV ** nu * fv.inv[nu].reduce((acc, g, j) => acc + g * fv.v[j], 0);
  const reg = regularize ? 3 * bConst ** 2 * fb.vcov[o + 1][o + 1] : 0;
  return {
    V: (2 * nu + 1) * hV ** (2 * nu + 1) * fv.vcov[nu][nu],
    B: Math.sqrt(2 * (o + 1 - nu)) * bConst * fb.beta[o + 1],
    R: 2 * (o + 1 - nu) * reg,
  };
}

/**
 * The MSE-optimal common bandwidth for sharp RD by local linear regression with the triangular
 * kernel — rdrobust's default `mserd` (Calonico, Cattaneo & Titiunik 2014, Econometrica 82(6);
 * Calonico, Cattaneo & Farrell 2020, Econometrics Journal 23(2); R rdbwselect with p = 1,
 * q = 2, vce = "nn", masspoints = "adjust", bwrestrict), in three plug-in steps:
 *   pilot c = 2.576 · min(SD, IQR/1.349) · M^{-1/5}  (M distinct values of X);
 *   d = [(V₋ + V₊) / (B₊ − B₋)²]^{1/9}            for the 3rd derivative (q + 1);
 *   b = [(V₋ + V₊) / ((B₊ − B₋)² + R₋ + R₊)]^{1/7} for the bias of the local quadratic;
 *   h = [(V₋ + V₊) / ((B₊ − B₋)² + R₋ + R₊)]^{1/5} for the local linear estimate,
 * with V from nearest-neighbour residuals at c, B the leading bias from the next-order fit at
 * d (resp. b), R the regularization 3·B-constant²·Var(bias estimate). Every bandwidth is capped
 * at the largest distance to the cutoff; with mass points (≥ 10% repeated x on a side) c and d
 * are at least the distance to the 10th distinct x. On the U.S. Senate data it returns
 * h = 17.754, b = 28.028, rdrobust's published values.
 */
export function mseRdBandwidth(
  running: readonly number[],
  outcome: readonly number[],
  cutoff: number,
): MseRdBandwidth {
  const none = { h: NaN, b: NaN, pilot: NaN, derivative_pilot: NaN };
  const order = running.map((_, i) => i).sort((a, b) => running[a] - running[b]);
  const x = order.map((i) => running[i]);
  const y = order.map((i) => outcome[i]);
  const lo = x.flatMap((v, i) => (v < cutoff ? [i] : []));
  const hi = x.flatMap((v, i) => (v >= cutoff ? [i] : []));
  if (lo.length < 5 || hi.length < 5) return none;
  const left: Side = { x: lo.map((i) => x[i]), y: lo.map((i) => y[i]) };
  const right: Side = { x: hi.map((i) => x[i]), y: hi.map((i) => y[i]) };
  const uniqLeft = [...new Set(left.x)].reverse();
  const uniqRight = [...new Set(right.x)];
  const massPoints =
    1 - uniqLeft.length / left.x.length >= 0.1 || 1 - uniqRight.length / right.x.length >= 0.1;
  const bwMin = massPoints
    ? Math.max(
        Math.abs(uniqLeft[Math.min(10, uniqLeft.length) - 1] - cutoff) + 1e-8,
        Math.abs(uniqRight[Math.min(10, uniqRight.length) - 1] - cutoff) + 1e-8,
      )
    : 0;
  const bwMax = Math.max(Math.abs(cutoff - x[0]), Math.abs(cutoff - x[x.length - 1]));
  const iqr = quantileType2(x, 0.75) - quantileType2(x, 0.25);
  const spread = Math.min(sd(x), iqr / 1.349);
  const pilot = Math.max(
    Math.min(2.576 * spread * (uniqLeft.length + uniqRight.length) ** (-1 / 5), bwMax),
    bwMin,
  );

  const step = (o: number, nu: number, hB: [number, number], regularize: boolean): number => {
    const l = constants(left, cutoff, o, nu, o + 1, pilot, hB[0], regularize);
    const r = constants(right, cutoff, o, nu, o + 1, pilot, hB[1], regularize);
    if (l === null || r === null) return NaN;
    const h = ((l.V + r.V) / ((r.B - l.B) ** 2 + l.R + r.R)) ** (1 / (2 * o + 3));
    return Math.min(h, bwMax);
  };
  const ranges: [number, number] = [
    Math.abs(cutoff - left.x[0]),
    Math.abs(right.x[right.x.length - 1] - cutoff),
  ];
  const d = Math.max(step(3, 3, ranges, false), bwMin);
  const b = step(2, 2, [d, d], true);
  const h = step(1, 0, [b, b], true);
  return Number.isFinite(h) && h > 0 && Number.isFinite(b)
    ? { h, b, pilot, derivative_pilot: d }
    : none;
}
