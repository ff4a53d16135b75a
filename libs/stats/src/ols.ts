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
import { coefficientTests } from './coefficient-tests';

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
 * β and (XᵀWX)⁻¹ over the rows `used` with √weights `sw` and weights `w` = sw²: the normal
 * equations by equilibrated Cholesky when they are clearly well conditioned (a pivot
 * ≥ max(1e-8, tol²), so the rank decision cannot differ), else the QR of √W X against √W y,
 * which also decides the rank.
 */
function solve(
  X: Design,
  y: readonly number[],
  rows: WeightedRows,
  k: number,
  tol: number,
): LeastSquaresSolution {
  const { used, sw, w } = rows;
  const xs = packDesign(X, k, used);
  const { G, b } = normalSystem(
    xs,
    used.length,
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

/** The rows a weighted fit uses (positive weight) with √w_i and w_i = (√w_i)² for each. */
export interface WeightedRows {
  readonly used: readonly number[];
  readonly sw: readonly number[];
  readonly w: Float64Array;
}

/** What every OLS result reports whether or not the fit succeeded. */
interface OlsHead {
  readonly names: readonly string[];
  readonly se_type: OlsSeType;
  readonly k: number;
  /** Rows given (the length of `fitted` and `residuals`). */
  readonly rows: number;
}

function fill(k: number): number[] {
  return new Array<number>(k).fill(NaN);
}

/**
 * The result of a fit that stopped at `status` after using `n` rows: every estimate NaN except
 * what `extra` already holds (β̂ and the residuals when only the CR1 covariance is undefined).
 */
function unfitted(
  head: OlsHead,
  status: StatusCode,
  reason: string,
  n: number,
  extra: Partial<OlsResult> = {},
): OlsResult {
  const { names, se_type, k, rows } = head;
  return {
    names,
    se_type,
    k,
    n_clusters: null,
    aliased: [],
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
    fitted: fill(rows),
    residuals: fill(rows),
    ...extra,
  };
}

/**
 * The weighted residuals ẽ_r = √w_r e_i of the used rows (i = used[r]) and the weighted
 * residual sum of squares RSS = Σ_r ẽ_r² = Σ w_i e_i².
 */
export function weightedResiduals(
  residuals: readonly number[],
  rows: Pick<WeightedRows, 'used' | 'sw'>,
): { readonly ew: number[]; readonly rss: number } {
  const { used, sw } = rows;
  const ew = used.map((i, r) => residuals[i] * sw[r]);
  let rss = 0;
  for (const e of ew) rss += e * e;
  return { ew, rss };
}

/** The least-squares fit a covariance is computed from. */
export interface OlsFit {
  readonly rows: Pick<WeightedRows, 'used' | 'sw'>;
  /** (XᵀWX)⁻¹, k × k. */
  readonly bread: readonly (readonly number[])[];
  /** Weighted residuals ẽ of the used rows (`weightedResiduals`). */
  readonly ew: readonly number[];
  readonly rss: number;
}

/** V̂ of β̂ (null when CR1 has fewer than 2 clusters) and the df of its t tests. */
export interface OlsCovariance {
  readonly vcov: number[][] | null;
  readonly df_test: number;
  readonly n_clusters: number | null;
}

/**
 * The covariance of β̂ with B = (XᵀWX)⁻¹, n rows used and k columns (module doc):
 *   classical V = RSS/(n − k) · B;   HC1 V = n/(n − k) · B [Σ_i s_i s_iᵀ] B;
 *   CR1 V = G/(G − 1) · (n − 1)/(n − k) · B [Σ_g s_g s_gᵀ] B,  s_g = Σ_{i∈g} s_i,
 * with scores s_i = √w_i ẽ_i x_i = w_i e_i x_i; t tests on n − k df, or G − 1 for CR1.
 */
export function olsCovariance(
  X: Design,
  fit: OlsFit,
  seType: OlsSeType,
  clusters?: readonly (string | number)[],
): OlsCovariance {
  const { used, sw } = fit.rows;
  const { bread, ew } = fit;
  const n = used.length;
  const k = bread.length;
  const dfResid = n - k;
  if (seType === 'classical') {
    const sigma2 = fit.rss / dfResid;
    return {
      vcov: bread.map((row) => row.map((v) => v * sigma2)),
      df_test: dfResid,
      n_clusters: null,
    };
  }
  const rows = designRows(X);
  const scores = used.map((i, r) => rows[i].map((v) => v * sw[r] * ew[r]));
  const cl = seType === 'cluster' && clusters !== undefined ? used.map((i) => clusters[i]) : null;
  const { meat, groups } = scoreMeat(scores, cl, k);
  if (seType === 'hc1') {
    return { vcov: sandwich(bread, meat, n / dfResid), df_test: dfResid, n_clusters: null };
  }
  if (groups < 2) return { vcov: null, df_test: NaN, n_clusters: groups };
  return {
    vcov: sandwich(bread, meat, (groups / (groups - 1)) * ((n - 1) / dfResid)),
    df_test: groups - 1,
    n_clusters: groups,
  };
}

/**
 * R² = 1 − RSS / TSS and adjusted R² = 1 − (1 − R²)(n − c)/(n − k) over the used rows, with
 * TSS = Σ w_i (y_i − ȳ_w)² and c = 1 when the design has an intercept (`centred`), else the
 * uncentred TSS = Σ w_i y_i² and c = 0 (R's `summary.lm`). R² is NaN when TSS = 0.
 */
export function olsRSquared(
  y: readonly number[],
  rows: Pick<WeightedRows, 'used' | 'w'>,
  rss: number,
  k: number,
  centred: boolean,
): { readonly r_squared: number; readonly adj_r_squared: number } {
  const { used, w } = rows;
  const n = used.length;
  const dfResid = n - k;
  const sumW = w.reduce((a, b) => a + b, 0);
  const ybar = centred ? used.reduce((s, i, r) => s + w[r] * y[i], 0) / sumW : 0;
  const tss = used.reduce((s, i, r) => s + w[r] * (y[i] - ybar) * (y[i] - ybar), 0);
  const r2 = tss > 0 ? 1 - rss / tss : NaN;
  const adj = centred ? 1 - ((1 - r2) * (n - 1)) / dfResid : 1 - ((1 - r2) * n) / dfResid;
  return { r_squared: r2, adj_r_squared: adj };
}

/** OLS (or WLS when `options.weights` is set). Throws only on shape/option errors. */
export function ols(X: Design, y: readonly number[], options: OlsOptions = {}): OlsResult {
  const nAll = y.length;
  const k = checkDesignShape(X, nAll, 'ols');
  const { weights, clusters } = options;
  const { se: seType, names } = regressionOptions<OlsSeType>('ols', nAll, k, options, 'classical');
  assertInput(k >= 1 || nAll === 0, 'ols: X must have at least one column');
  const head: OlsHead = { names, se_type: seType, k, rows: nAll };

  const problem = nonFiniteInput(X, y, weights);
  if (problem !== null) return unfitted(head, 'non_finite_input', problem, nAll);
  const used = positiveWeightRows(nAll, weights);
  const n = used.length;
  if (n <= k) {
    const reason = `need more rows than coefficients for residual df > 0 (n = ${n}, k = ${k})`;
    return unfitted(head, 'too_few_rows', reason, n);
  }
  const sw = used.map((i) => (weights === undefined ? 1 : sqrt(weights[i])));
  const rows: WeightedRows = { used, sw, w: Float64Array.from(sw, (s) => s * s) };

  const sol = solve(X, y, rows, k, options.rank_tolerance ?? DEFAULT_RANK_TOLERANCE);
  if (!sol.full_rank) {
    const reason = rankDeficientReason(sol.aliased, names);
    return unfitted(head, 'singular_design', reason, n, { aliased: sol.aliased });
  }
  const beta = sol.beta;
  const fitted = designPredict(X, beta);
  const residuals = fitted.map((f, i) => y[i] - f);
  const { ew, rss } = weightedResiduals(residuals, rows);

  const cov = olsCovariance(X, { rows, bread: sol.xtx_inv, ew, rss }, seType, clusters);
  if (cov.vcov === null) {
    const reason = `cluster-robust SEs need >= 2 clusters, got ${cov.n_clusters}`;
    const known = { coefficients: beta, fitted, residuals, rss, n_clusters: cov.n_clusters };
    return unfitted(head, 'too_few_clusters', reason, n, known);
  }
  const tests = coefficientTests(beta, cov.vcov, (t) => tTwoSided(t, cov.df_test));
  const centred = designConstantColumns(X, k).length > 0;
  const constantY = used.every((i) => y[i] === y[used[0]]);
  return {
    names,
    se_type: seType,
    k,
    n_clusters: cov.n_clusters,
    aliased: [],
    status: constantY ? 'zero_variance' : 'ok',
    reason: constantY
      ? 'outcome has zero variance: coefficients are exact, standard errors are zero and tests undefined'
      : '',
    coefficients: beta,
    std_errors: tests.std_errors,
    t_stats: tests.stats,
    p_values: tests.p_values,
    vcov: cov.vcov,
    n,
    df_resid: n - k,
    df_test: cov.df_test,
    ...olsRSquared(y, rows, rss, k, centred),
    sigma: Math.sqrt(rss / (n - k)),
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
