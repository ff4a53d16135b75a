/**
 * The two-way fixed-effects regression shared by `didTwoWayFe` and `didPreTrendTest`:
 *   Y_it = α_i + λ_t + x_itᵀβ + e_it
 * solved by the Frisch-Waugh-Lovell theorem: Y and x are demeaned by unit and by period
 * alternately until the means vanish (alternating projections, Guimarães & Portugal 2010, Stata
 * Journal 10(4); exact for unbalanced panels at convergence), then regressed without intercept:
 *   V̂ = G/(G−1) · (n−1)/(n−k) · B [Σ_g s_g s_gᵀ] B,  B = (X̃ᵀX̃)⁻¹,  s_g = Σ_{i∈g} x̃_i ẽ_i,
 * clustered by unit; k counts β and the T − 1 period effects (unit effects are nested in the
 * unit clusters and not counted, as Stata's `reghdfe`).
 * Every pass is a plain loop over typed arrays: no spread of a whole column into `Math.max`,
 * which overflows the call stack beyond ~125k rows.
 */
import { leastSquaresQr, normalSystem, sandwich, solveNormal } from '@hirelearn/stats';

const { abs, max } = Math;

/** Dense 0-based index of each id, in order of first appearance, and the number of ids. */
export function denseIndex(ids: readonly (string | number)[]): {
  readonly index: Int32Array;
  readonly count: number;
} {
  const seen = new Map<string | number, number>();
  const index = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    let k = seen.get(ids[i]);
    if (k === undefined) {
      k = seen.size;
      seen.set(ids[i], k);
    }
    index[i] = k;
  }
  return { index, count: seen.size };
}

/** A grouping of the rows: each row's dense group index, the number of groups, rows per group. */
interface Grouping {
  readonly index: Int32Array;
  readonly count: number;
  readonly counts: Float64Array;
}

/**
 * The grouping of each ids array seen (a `Map` lookup per row): the same unit ids reach every
 * regression of a run (each treatment, each refuter refit). Ids arrays are never written once
 * handed over.
 */
const GROUPINGS = new WeakMap<readonly (string | number)[], Grouping>();

/** `denseIndex` of `ids` with its group counts, computed once per array. */
export function grouping(ids: readonly (string | number)[]): Grouping {
  let g = GROUPINGS.get(ids);
  if (g === undefined) {
    const { index, count } = denseIndex(ids);
    g = { index, count, counts: groupCounts(index, count) };
    GROUPINGS.set(ids, g);
  }
  return g;
}

/** Every one of `n` rows in one period (a regression with unit effects only). */
function onePeriod(n: number): Grouping {
  return { index: new Int32Array(n), count: 1, counts: Float64Array.of(n) };
}

/** Rows per group of the dense index `g` (`k` groups). */
function groupCounts(g: Int32Array, k: number): Float64Array {
  const c = new Float64Array(k);
  for (let i = 0; i < g.length; i++) c[g[i]]++;
  return c;
}

/**
 * Demeans `col` in place by unit `u` and by period `t` alternately until the largest period mean
 * removed is < `bound` (after at least two rounds); false when `maxIter` rounds do not get there.
 * Each pass that subtracts one grouping's means also sums the result by the other grouping, in
 * row order, so the sums are the very ones a separate pass would make: the same numbers in two
 * passes per round instead of four.
 */
function demeanColumn(
  col: Float64Array,
  u: { readonly index: Int32Array; readonly counts: Float64Array },
  t: { readonly index: Int32Array; readonly counts: Float64Array },
  bound: number,
  maxIter: number,
): boolean {
  const n = col.length;
  let su = new Float64Array(u.counts.length);
  for (let i = 0; i < n; i++) su[u.index[i]] += col[i];
  for (let it = 0; it < maxIter; it++) {
    for (let j = 0; j < su.length; j++) su[j] /= u.counts[j];
    const st = new Float64Array(t.counts.length);
    for (let i = 0; i < n; i++) {
      col[i] -= su[u.index[i]];
      st[t.index[i]] += col[i];
    }
    let worst = 0;
    for (let j = 0; j < st.length; j++) {
      st[j] /= t.counts[j];
      worst = max(worst, abs(st[j]));
    }
    const converged = worst < bound && it > 0;
    su = new Float64Array(u.counts.length);
    for (let i = 0; i < n; i++) {
      col[i] -= st[t.index[i]];
      su[u.index[i]] += col[i];
    }
    if (converged) return true;
  }
  return false;
}

/** The demeaning's convergence bound (relative to the column's scale) and its round limit. */
const DEMEAN_TOL = 1e-10;
const DEMEAN_MAX_ITER = 10_000;

/** Demeans each column by unit and by period alternately until the largest mean is < tol·scale. */
export function demeanTwoWay(
  columns: readonly Float64Array[],
  unit: readonly (string | number)[],
  time: readonly (string | number)[],
  tol = DEMEAN_TOL,
  maxIter = DEMEAN_MAX_ITER,
): boolean {
  const u = denseIndex(unit);
  const t = denseIndex(time);
  const units = { index: u.index, counts: groupCounts(u.index, u.count) };
  const periods = { index: t.index, counts: groupCounts(t.index, t.count) };
  for (const col of columns) {
    let scale = 1;
    for (let i = 0; i < col.length; i++) scale = max(scale, abs(col[i]));
    if (!demeanColumn(col, units, periods, tol * scale, maxIter)) return false;
  }
  return true;
}

export type TwfeFit =
  | {
      readonly status: 'ok';
      readonly beta: readonly number[];
      /** Unit-clustered CR1 covariance of β (module doc). */
      readonly vcov: readonly (readonly number[])[];
      readonly n_clusters: number;
    }
  | {
      readonly status: 'not_converged' | 'singular_design' | 'insufficient_data';
      readonly reason: string;
    };

/** A column demeaned under one (unit, period) grouping; null when it did not converge. */
interface Demeaned {
  readonly unit: readonly (string | number)[];
  readonly time: readonly (string | number)[] | null;
  readonly values: Float64Array | null;
}

/**
 * Each column's demeaned copy per grouping, computed once: the covariates and the outcome are
 * the same arrays in every within-user treatment of a run and in the refuters' refits that keep
 * the rows (a permuted treatment, one more covariate), and copying and demeaning them was most
 * of those regressions. Columns are never written once handed over; the copies are only read.
 */
const DEMEANED = new WeakMap<readonly number[], Demeaned[]>();

/** `col` demeaned by unit and period (`demeanColumn`, default bounds), or null (no convergence). */
function demeaned(
  col: readonly number[],
  unit: readonly (string | number)[],
  time: readonly (string | number)[] | null,
  u: Grouping,
  t: Grouping,
): Float64Array | null {
  const seen = DEMEANED.get(col) ?? [];
  const hit = seen.find((d) => d.unit === unit && d.time === time);
  if (hit !== undefined) return hit.values;
  // `new Float64Array(array)` copies a packed array directly; `Float64Array.from` iterates it.
  const values = new Float64Array(col);
  let scale = 1;
  for (let i = 0; i < values.length; i++) scale = max(scale, abs(values[i]));
  const ok = demeanColumn(values, u, t, DEMEAN_TOL * scale, DEMEAN_MAX_ITER);
  seen.push({ unit, time, values: ok ? values : null });
  DEMEANED.set(col, seen);
  return ok ? values : null;
}

/**
 * Y on the regressors `x` (columns) with unit and period fixed effects, clustered by unit;
 * `time` null: one period (unit effects only).
 */
export function twfeRegression(
  y: readonly number[],
  x: readonly (readonly number[])[],
  unit: readonly (string | number)[],
  time: readonly (string | number)[] | null,
): TwfeFit {
  const n = y.length;
  const units = grouping(unit);
  const periods = time === null ? onePeriod(n) : grouping(time);
  const columns: Float64Array[] = [];
  for (const c of [y, ...x]) {
    const d = demeaned(c, unit, time, units, periods);
    if (d === null) {
      return { status: 'not_converged', reason: 'alternating projections did not converge' };
    }
    columns.push(d);
  }
  const [yt, ...xt] = columns;
  const k = xt.length;
  for (const c of xt) {
    let largest = 0;
    for (let i = 0; i < n; i++) largest = max(largest, abs(c[i]));
    if (!(largest > 1e-9)) {
      return {
        status: 'singular_design',
        reason: 'a regressor is collinear with the unit and period effects',
      };
    }
  }
  if (units.count < 2) return { status: 'insufficient_data', reason: 'need >= 2 units' };
  const solved = solveDemeaned(yt, xt) ?? solveDemeanedByQr(yt, xt);
  if (solved === null) {
    return {
      status: 'singular_design',
      reason: 'the regressors are collinear given the unit and period effects',
    };
  }
  const { beta, bread } = solved;
  // Cluster scores s_g = Σ_{i∈g} x̃_i ẽ_i, accumulated per unit in one pass.
  const sums = new Float64Array(units.count * k);
  for (let i = 0; i < n; i++) {
    let e = yt[i];
    for (let j = 0; j < k; j++) e -= xt[j][i] * beta[j];
    const o = units.index[i] * k;
    for (let j = 0; j < k; j++) sums[o + j] += xt[j][i] * e;
  }
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let g = 0; g < units.count; g++) {
    const o = g * k;
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) meat[a][c] += sums[o + a] * sums[o + c];
  }
  const groups = units.count;
  const dof = k + periods.count - 1;
  const vcov = sandwich(bread, meat, (groups / (groups - 1)) * ((n - 1) / (n - dof)));
  return { status: 'ok', beta, vcov, n_clusters: groups };
}

interface DemeanedSolution {
  readonly beta: readonly number[];
  /** (X̃ᵀX̃)⁻¹. */
  readonly bread: readonly (readonly number[])[];
}

/** β of ỹ on X̃ by the normal equations (Cholesky); null when not clearly full rank. */
function solveDemeaned(yt: Float64Array, xt: readonly Float64Array[]): DemeanedSolution | null {
  const n = yt.length;
  const k = xt.length;
  const xs = new Float64Array(n * k);
  xt.forEach((c, j) => xs.set(c, j * n));
  const { G, b } = normalSystem(xs, n, k, null, yt);
  const solution = solveNormal(G, b, k);
  return solution && { beta: solution.beta, bread: solution.inverse() };
}

/** The QR path: slower, and the judge of rank when the normal equations refuse. */
function solveDemeanedByQr(yt: Float64Array, xt: readonly Float64Array[]): DemeanedSolution | null {
  const X = Array.from({ length: yt.length }, (_, i) => xt.map((c) => c[i]));
  const fit = leastSquaresQr(X, Array.from(yt));
  return fit.full_rank ? { beta: fit.beta, bread: fit.xtx_inv } : null;
}
