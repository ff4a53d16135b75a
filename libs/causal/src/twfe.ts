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
import { leastSquaresQr, sandwich, scoreMeat } from '@hirelearn/stats';

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

/** Subtracts the group means of `col` in place; returns the largest |mean| removed. */
function demeanBy(col: Float64Array, g: Int32Array, k: number): number {
  const s = new Float64Array(k);
  const c = new Float64Array(k);
  for (let i = 0; i < col.length; i++) {
    s[g[i]] += col[i];
    c[g[i]]++;
  }
  let worst = 0;
  for (let j = 0; j < k; j++) {
    s[j] /= c[j];
    worst = max(worst, abs(s[j]));
  }
  for (let i = 0; i < col.length; i++) col[i] -= s[g[i]];
  return worst;
}

/** Demeans each column by unit and by period alternately until the largest mean is < tol·scale. */
export function demeanTwoWay(
  columns: readonly Float64Array[],
  unit: readonly (string | number)[],
  time: readonly (string | number)[],
  tol = 1e-10,
  maxIter = 10_000,
): boolean {
  const u = denseIndex(unit);
  const t = denseIndex(time);
  for (const col of columns) {
    let scale = 1;
    for (let i = 0; i < col.length; i++) scale = max(scale, abs(col[i]));
    let converged = false;
    for (let it = 0; it < maxIter && !converged; it++) {
      demeanBy(col, u.index, u.count);
      converged = demeanBy(col, t.index, t.count) < tol * scale && it > 0;
    }
    if (!converged) return false;
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

/** Y on the regressors `x` (columns) with unit and period fixed effects, clustered by unit. */
export function twfeRegression(
  y: readonly number[],
  x: readonly (readonly number[])[],
  unit: readonly (string | number)[],
  time: readonly (string | number)[],
): TwfeFit {
  const n = y.length;
  const columns = [Float64Array.from(y), ...x.map((c) => Float64Array.from(c))];
  if (!demeanTwoWay(columns, unit, time)) {
    return { status: 'not_converged', reason: 'alternating projections did not converge' };
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
  const X: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(k);
    for (let j = 0; j < k; j++) row[j] = xt[j][i];
    X[i] = row;
  }
  const fit = leastSquaresQr(X, Array.from(yt));
  if (!fit.full_rank) {
    return {
      status: 'singular_design',
      reason: 'the regressors are collinear given the unit and period effects',
    };
  }
  const scores: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    let e = yt[i];
    for (let j = 0; j < k; j++) e -= X[i][j] * fit.beta[j];
    scores[i] = X[i].map((v) => v * e);
  }
  const { meat, groups } = scoreMeat(scores, unit, k);
  if (groups < 2) return { status: 'insufficient_data', reason: 'need >= 2 units' };
  const dof = k + denseIndex(time).count - 1;
  const vcov = sandwich(fit.xtx_inv, meat, (groups / (groups - 1)) * ((n - 1) / (n - dof)));
  return { status: 'ok', beta: fit.beta, vcov, n_clusters: groups };
}
