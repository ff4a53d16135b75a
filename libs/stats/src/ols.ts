/**
 * Ordinary and weighted least squares — the normal equations by equilibrated Cholesky when they
 * are clearly well conditioned, else QR (normal-equations.ts, linalg.ts) — with classical,
 * heteroskedasticity-robust (HC1) and cluster-robust (CR1) covariance.
 *
 *   β̂ = argmin Σ w_i (y_i − x_iᵀβ)²  (WLS = OLS on √w_i x_i, √w_i y_i),   e_i = y_i − x_iᵀβ̂
 *   Bread B = (XᵀWX)⁻¹,  n = #rows with w_i > 0,  k = #columns
 *   classical: V = σ̂² B,  σ̂² = Σ w_i e_i² / (n − k)
 *   HC1:       V = n/(n−k) · B [Σ w_i² e_i² x_i x_iᵀ] B                 (MacKinnon & White 1985)
 *   CR1:       V = G/(G−1) · (n−1)/(n−k) · B [Σ_g s_g s_gᵀ] B,  s_g = Σ_{i∈g} w_i e_i x_i
 *              (Cameron & Miller 2015, "A Practitioner's Guide to Cluster-Robust Inference",
 *              J. Human Resources 50(2), eq. 11 — Stata's `vce(cluster)`)
 *   t = β̂_j / se_j; two-sided p from t with n − k df (G − 1 df for CR1, as in Stata).
 *   R² = 1 − Σ w e² / Σ w (y − ȳ_w)² when X has a constant column, else the uncentred
 *   1 − Σ w e² / Σ w y² (R's `summary.lm` convention).
 */
import { tTwoSided } from './distributions';
import {
  DEFAULT_RANK_TOLERANCE,
  leastSquaresQr,
  LeastSquaresSolution,
  regressionOptions,
  Rows,
  sandwich,
  scoreMeat,
} from './linalg';
import {
  checkDesignShape,
  Design,
  designConstantColumns,
  designPredict,
  designRows,
  packDesign,
} from './design';
import { nonFiniteInput, positiveWeightRows, rankDeficientReason } from './fit-input';
import { MIN_CHOLESKY_PIVOT, normalSystem, solveNormal } from './normal-equations';
import { assertInput, StatusCode, StatusFields } from './status';

export type OlsSeType = 'classical' | 'hc1' | 'cluster';

export interface OlsOptions {
  /** Non-negative observation weights (WLS). Rows with weight 0 are ignored in the fit. */
  readonly weights?: readonly number[];
  /** Covariance estimator; default 'classical', or 'cluster' when `clusters` is given. */
  readonly se?: OlsSeType;
  /** Cluster id per row, required for se = 'cluster'. */
  readonly clusters?: readonly (string | number)[];
  /** Coefficient names (length k); default x0..x{k-1}. */
  readonly names?: readonly string[];
  /** Rank tolerance on the diagonal of R for the unit-norm design (default 1e-7). */
  readonly rank_tolerance?: number;
}

export interface OlsResult extends StatusFields {
  readonly names: readonly string[];
  readonly coefficients: readonly number[];
  readonly std_errors: readonly number[];
  readonly t_stats: readonly number[];
  readonly p_values: readonly number[];
  readonly vcov: readonly (readonly number[])[];
  readonly se_type: OlsSeType;
  /** Rows used (positive weight). */
  readonly n: number;
  readonly k: number;
  /** n − k. */
  readonly df_resid: number;
  /** Degrees of freedom of the t reference distribution (n − k, or G − 1 for CR1). */
  readonly df_test: number;
  readonly n_clusters: number | null;
  readonly r_squared: number;
  readonly adj_r_squared: number;
  /** Residual standard error σ̂ (weighted). */
  readonly sigma: number;
  /** Weighted residual sum of squares Σ w e². */
  readonly rss: number;
  /** Columns found linearly dependent on earlier ones (only when status = 'singular_design'). */
  readonly aliased: readonly number[];
  readonly fitted: readonly number[];
  readonly residuals: readonly number[];
}

const { max, sqrt } = Math;

/**
 * β and (XᵀWX)⁻¹ over the rows `used` with √weights `sw`: the normal equations by equilibrated
 * Cholesky when they are clearly well conditioned (a pivot ≥ max(1e-8, tol²), so the rank
 * decision cannot differ), else the QR of √W X against √W y, which also decides the rank.
 */
function solve(
  X: Design,
  y: readonly number[],
  used: readonly number[],
  sw: readonly number[],
  k: number,
  tol: number,
): LeastSquaresSolution {
  const n = used.length;
  const xs = packDesign(X, k, used);
  const w = Float64Array.from(sw, (s) => s * s);
  const { G, b } = normalSystem(
    xs,
    n,
    k,
    w,
    Float64Array.from(used, (i) => y[i]),
  );
  const fast = solveNormal(G, b, k, max(MIN_CHOLESKY_PIVOT, tol * tol));
  if (fast !== null) {
    return { full_rank: true, aliased: [], beta: fast.beta, xtx_inv: fast.inverse() };
  }
  return leastSquaresQr(
    designRows(X, used).map((row, r) => row.map((v) => v * sw[r])),
    used.map((i, r) => y[i] * sw[r]),
    tol,
  );
}

function fill(k: number): number[] {
  return new Array<number>(k).fill(NaN);
}

/** OLS (or WLS when `options.weights` is set). Throws only on shape/option errors. */
export function ols(X: Design, y: readonly number[], options: OlsOptions = {}): OlsResult {
  const nAll = y.length;
  const k = checkDesignShape(X, nAll, 'ols');
  const { weights, clusters } = options;
  const { se: seType, names } = regressionOptions<OlsSeType>('ols', nAll, k, options, 'classical');
  assertInput(k >= 1 || nAll === 0, 'ols: X must have at least one column');

  const base = {
    names,
    se_type: seType,
    k,
    n_clusters: null,
    aliased: [] as number[],
  };
  const degenerate = (
    status: StatusCode,
    reason: string,
    n: number,
    extra: Partial<OlsResult> = {},
  ): OlsResult => ({
    ...base,
    status,
    reason,
    n,
    coefficients: fill(k),
    std_errors: fill(k),
    t_stats: fill(k),
    p_values: fill(k),
    vcov: Array.from({ length: k }, () => fill(k)),
    df_resid: n - k,
    df_test: NaN,
    r_squared: NaN,
    adj_r_squared: NaN,
    sigma: NaN,
    rss: NaN,
    fitted: fill(nAll),
    residuals: fill(nAll),
    ...extra,
  });

  const problem = nonFiniteInput(X, y, weights);
  if (problem !== null) return degenerate('non_finite_input', problem, nAll);
  const used = positiveWeightRows(nAll, weights);
  const n = used.length;
  if (n <= k) {
    return degenerate(
      'too_few_rows',
      `need more rows than coefficients for residual df > 0 (n = ${n}, k = ${k})`,
      n,
    );
  }

  const sw = used.map((i) => (weights === undefined ? 1 : sqrt(weights[i])));
  const tol = options.rank_tolerance ?? DEFAULT_RANK_TOLERANCE;
  const sol = solve(X, y, used, sw, k, tol);
  if (!sol.full_rank) {
    return degenerate('singular_design', rankDeficientReason(sol.aliased, names), n, {
      aliased: sol.aliased,
    });
  }
  const beta = sol.beta;
  const fitted = designPredict(X, beta);
  const residuals = fitted.map((f, i) => y[i] - f);
  const ew = used.map((i, r) => residuals[i] * sw[r]);
  let rss = 0;
  for (const e of ew) rss += e * e;
  const dfResid = n - k;
  const sigma2 = rss / dfResid;

  let vcov: number[][];
  let dfTest = dfResid;
  let nClusters: number | null = null;
  if (seType === 'classical') {
    vcov = sol.xtx_inv.map((row) => row.map((v) => v * sigma2));
  } else {
    const rows = designRows(X);
    const scores = used.map((i, r) => rows[i].map((v) => v * sw[r] * ew[r]));
    const cl = seType === 'cluster' && clusters !== undefined ? used.map((i) => clusters[i]) : null;
    const { meat, groups } = scoreMeat(scores, cl, k);
    if (seType === 'hc1') {
      vcov = sandwich(sol.xtx_inv, meat, n / dfResid);
    } else {
      nClusters = groups;
      if (groups < 2) {
        return degenerate(
          'too_few_clusters',
          `cluster-robust SEs need >= 2 clusters, got ${groups}`,
          n,
          {
            coefficients: beta,
            fitted,
            residuals,
            rss,
            n_clusters: groups,
          },
        );
      }
      vcov = sandwich(sol.xtx_inv, meat, (groups / (groups - 1)) * ((n - 1) / dfResid));
      dfTest = groups - 1;
    }
  }
  const se = vcov.map((row, j) => Math.sqrt(Math.max(0, row[j])));
  const tStats = beta.map((b, j) => b / se[j]);
  const pValues = tStats.map((t) => (Number.isNaN(t) ? NaN : tTwoSided(t, dfTest)));

  const hasIntercept = designConstantColumns(X, k).length > 0;
  const wUsed = sw.map((s) => s * s);
  const sumW = wUsed.reduce((a, b) => a + b, 0);
  const ybar = hasIntercept ? used.reduce((s, i, r) => s + wUsed[r] * y[i], 0) / sumW : 0;
  const tss = used.reduce((s, i, r) => s + wUsed[r] * (y[i] - ybar) * (y[i] - ybar), 0);
  const r2 = tss > 0 ? 1 - rss / tss : NaN;
  const adj = hasIntercept ? 1 - ((1 - r2) * (n - 1)) / dfResid : 1 - ((1 - r2) * n) / dfResid;

  const constantY = used.every((i) => y[i] === y[used[0]]);
  return {
    ...base,
    status: constantY ? 'zero_variance' : 'ok',
    reason: constantY
      ? 'outcome has zero variance: coefficients are exact, standard errors are zero and tests undefined'
      : '',
    names,
    coefficients: beta,
    std_errors: se,
    t_stats: tStats,
    p_values: pValues,
    vcov,
    n,
    df_resid: dfResid,
    df_test: dfTest,
    n_clusters: nClusters,
    r_squared: r2,
    adj_r_squared: adj,
    sigma: Math.sqrt(sigma2),
    rss,
    fitted,
    residuals,
  };
}

/** Weighted least squares: `ols` with the given non-negative weights. */
export function wls(
  X: Design,
  y: readonly number[],
  weights: readonly number[],
  options: Omit<OlsOptions, 'weights'> = {},
): OlsResult {
  return ols(X, y, { ...options, weights });
}

/** Prepends a column of ones to each row (convenience for designs with an intercept). */
export function withIntercept(X: Rows): number[][] {
  return X.map((row) => [1, ...row]);
}
