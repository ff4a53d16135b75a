/**
 * Logistic regression by iteratively reweighted least squares (Newton-Raphson), with an
 * optional ridge penalty, observation weights (e.g. inverse-probability weights) and
 * model-based, robust (HC0) or cluster-robust sandwich standard errors.
 *
 *   maximize  ℓ_λ(β) = Σ w_i [y_i η_i − log(1 + e^{η_i})] − (λ/2) Σ_{j∈P} β_j²,   η = Xβ
 *   IRLS step: W_i = w_i p_i(1−p_i),  z_i = η_i + (y_i − p_i)/(p_i(1−p_i)),
 *              β ← argmin Σ W_i (z_i − x_iᵀβ)² + λ Σ_{j∈P} β_j²
 *   solved from the normal equations (XᵀWX + λ E_P) β = XᵀWz, accumulated in one pass over a
 *   packed typed-array design and factored by equilibrated Cholesky (normal-equations.ts: O(n k²)
 *   with no per-row allocation, the cost that matters on 10⁵–10⁶ rows); when that factor is
 *   ill-conditioned (a pivot below 1e-8) the step falls back to the QR of the augmented system
 *   [√W X; √λ E_P] against [√W z; 0] (McCullagh & Nelder, Generalized Linear Models, 2nd ed.,
 *   §2.5; Hastie, Tibshirani & Friedman, ESL 2nd ed., §4.4.1). The rank check on the
 *   unweighted design's unpenalized columns (the ridge covers only P) is likewise the QR's,
 *   skipped only when their XᵀX is clearly positive definite. P = all columns except the
 *   constant (intercept) columns unless `penalized` lists them. Start β = 0 (or `start`); step halving if
 *   the penalized log-likelihood decreases; converged when
 *   |dev − dev_old| / (|dev| + 0.1) < tol (R's `glm.control` rule, tol 1e-10 here).
 *
 *   Covariance: bread H⁻¹ = (XᵀWX + λ E_P)⁻¹.
 *     model:   V = H⁻¹                      (inverse penalized information)
 *     robust:  V = H⁻¹ [Σ u_i u_iᵀ] H⁻¹,    u_i = w_i (y_i − p_i) x_i      (HC0)
 *     cluster: V = G/(G−1) · H⁻¹ [Σ_g u_g u_gᵀ] H⁻¹,  u_g = Σ_{i∈g} u_i     (Stata `logit, vce(cluster)`)
 *   z = β̂/se with two-sided normal p-values.
 *
 *   Separation (Albert & Anderson 1984, Biometrika 71(1)): flagged when fitted probabilities
 *   reach 0 or 1 within 1e-10 (coefficients diverging), mirroring R's "fitted probabilities
 *   numerically 0 or 1" check. Coefficients returned in that case are the last iterate.
 */
import { normalTwoSided } from './distributions';
import {
  DEFAULT_RANK_TOLERANCE,
  leastSquaresQr,
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
  packedConstantColumns,
} from './design';
import { nonFiniteInput, positiveWeightRows, rankDeficientReason } from './fit-input';
import { linearPredictor, normalSystem, solveNormal } from './normal-equations';
import { assertInput, StatusCode, StatusFields } from './status';
import { coefficientTests } from './coefficient-tests';

export type LogisticSeType = 'model' | 'robust' | 'cluster';

export interface LogisticOptions {
  /** Non-negative observation weights (frequency or inverse-probability weights). */
  readonly weights?: readonly number[];
  /** Ridge penalty λ ≥ 0 on ℓ(β) − (λ/2)Σβ_j² (default 0). */
  readonly lambda?: number;
  /** Column indices to penalize; default every non-constant column (intercept unpenalized). */
  readonly penalized?: readonly number[];
  /** Covariance type; default 'model', or 'cluster' when `clusters` is given. */
  readonly se?: LogisticSeType;
  readonly clusters?: readonly (string | number)[];
  readonly names?: readonly string[];
  /** Maximum IRLS iterations (default 100). */
  readonly max_iter?: number;
  /** Relative deviance-change tolerance (default 1e-10). */
  readonly tol?: number;
  /**
   * IRLS starting coefficients (default 0): a refit of nearly the same model (a subset, one
   * more covariate, the treatment permuted) started from the first fit's answer converges in
   * 2–3 steps instead of 6–8, to the same maximum.
   */
  readonly start?: readonly number[];
}

export interface LogisticResult extends StatusFields {
  readonly names: readonly string[];
  readonly coefficients: readonly number[];
  readonly std_errors: readonly number[];
  readonly z_stats: readonly number[];
  readonly p_values: readonly number[];
  readonly vcov: readonly (readonly number[])[];
  readonly se_type: LogisticSeType;
  readonly converged: boolean;
  readonly iterations: number;
  /** −2 Σ w_i [y_i log p_i + (1−y_i) log(1−p_i)] (unpenalized). */
  readonly deviance: number;
  /** Deviance of the weighted intercept-only model (NaN if X has no constant column). */
  readonly null_deviance: number;
  readonly log_likelihood: number;
  readonly lambda: number;
  /** Rows with positive weight. */
  readonly n: number;
  readonly k: number;
  readonly n_clusters: number | null;
  readonly aliased: readonly number[];
  /** Fitted probabilities, one per input row. */
  readonly fitted: readonly number[];
}

const P_EPS = 2.220446049250313e-16;
const SEPARATION_EPS = 1e-10;
const { abs, exp, log, log1p, max, min, sqrt } = Math;

/** Logistic function 1/(1 + e^{−η}) evaluated without overflow. */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + exp(-eta));
  const e = exp(eta);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow. */
function log1pExp(x: number): number {
  return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/** Binomial deviance −2 Σ w [y η − log(1 + e^η) − sat], sat the saturated term of fractional y. */
function devianceOf(y: ArrayLike<number>, eta: ArrayLike<number>, w: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i];
    const sat = yi > 0 && yi < 1 ? yi * log(yi) + (1 - yi) * log(1 - yi) : 0;
    d += -2 * w[i] * (yi * eta[i] - log1pExp(eta[i]) - sat);
  }
  return d;
}

/**
 * IRLS working weights W_i = w_i p_i(1−p_i) and responses z_i = η_i + (y_i − p_i)/(p_i(1−p_i))
 * at η (p clamped to [ε, 1−ε] so that W stays positive).
 */
function working(
  eta: Float64Array,
  y: Float64Array,
  w: Float64Array,
  W: Float64Array,
  z: Float64Array,
): void {
  for (let i = 0; i < eta.length; i++) {
    const p = min(1 - P_EPS, max(P_EPS, sigmoid(eta[i])));
    const v = p * (1 - p);
    W[i] = w[i] * v;
    z[i] = eta[i] + (y[i] - p) / v;
  }
}

/** One IRLS solve: the next β and, on demand, the bread (XᵀWX + λ E_P)⁻¹ at that η. */
export interface IrlsStep {
  readonly beta: readonly number[];
  bread(): Rows;
}

/** The options of `logistic` checked against the design and resolved to their defaults. */
export interface LogisticSettings {
  readonly lambda: number;
  readonly penalized: readonly number[];
  readonly maxIter: number;
  readonly tol: number;
  readonly start: readonly number[] | undefined;
  readonly se: LogisticSeType;
  readonly names: readonly string[];
}

/**
 * Checks the options and y ∈ [0, 1] against the n × k design (throwing `StatsInputError`) and
 * resolves the defaults: λ = 0, P = the non-constant columns, 100 iterations, tol 1e-10.
 */
export function logisticSettings(
  X: Design,
  y: readonly number[],
  k: number,
  options: LogisticOptions,
): LogisticSettings {
  const lambda = options.lambda ?? 0;
  assertInput(
    Number.isFinite(lambda) && lambda >= 0,
    `logistic: lambda must be >= 0, got ${lambda}`,
  );
  const { se, names } = regressionOptions<LogisticSeType>(
    'logistic',
    y.length,
    k,
    options,
    'model',
  );
  for (const v of y) {
    if (v < 0 || v > 1)
      assertInput(false, `logistic: y must be in [0, 1] (0/1 outcomes), got ${v}`);
  }
  const penalized =
    options.penalized ??
    (() => {
      const consts = new Set(designConstantColumns(X, k));
      return Array.from({ length: k }, (_, j) => j).filter((j) => !consts.has(j));
    })();
  for (const j of penalized) {
    assertInput(
      Number.isInteger(j) && j >= 0 && j < k,
      `logistic: penalized index ${j} out of range`,
    );
  }
  const start = options.start;
  if (start !== undefined) {
    assertInput(
      start.length === k && start.every(Number.isFinite),
      `logistic: start must hold ${k} finite coefficients, got ${start.length}`,
    );
  }
  return {
    lambda,
    penalized,
    maxIter: options.max_iter ?? 100,
    tol: options.tol ?? 1e-10,
    start,
    se,
    names,
  };
}

/** What every logistic result reports whether or not the fit succeeded. */
interface LogisticHead {
  readonly names: readonly string[];
  readonly se_type: LogisticSeType;
  readonly lambda: number;
  readonly k: number;
  /** Rows given (the length of `fitted`). */
  readonly rows: number;
}

/** A result with status `status`: every estimate NaN except what `extra` holds. */
function logisticResult(
  head: LogisticHead,
  status: StatusCode,
  reason: string,
  extra: Partial<LogisticResult>,
): LogisticResult {
  const { names, se_type, lambda, k, rows } = head;
  const nanK = (): number[] => new Array<number>(k).fill(NaN);
  return {
    status,
    reason,
    names,
    coefficients: nanK(),
    std_errors: nanK(),
    z_stats: nanK(),
    p_values: nanK(),
    vcov: Array.from({ length: k }, () => nanK()),
    se_type,
    converged: false,
    iterations: 0,
    deviance: NaN,
    null_deviance: NaN,
    log_likelihood: NaN,
    lambda,
    n: rows,
    k,
    n_clusters: null,
    aliased: [],
    fitted: new Array<number>(rows).fill(NaN),
    ...extra,
  };
}

/**
 * One IRLS fit's data on its n used rows — the packed design, y, the weights, λ and the penalized
 * columns (none when λ = 0) — and the working weights W and responses z that each step rewrites.
 */
export interface IrlsData {
  readonly xs: Float64Array;
  readonly n: number;
  readonly k: number;
  readonly y: Float64Array;
  readonly w: Float64Array;
  readonly lambda: number;
  readonly penalized: readonly number[];
  /** The used rows as arrays, built on first use (the QR fallback, rank check and scores). */
  readonly rows: () => Rows;
  readonly W: Float64Array;
  readonly z: Float64Array;
}

/** The IRLS data of rows `used` of (X, y), X with k columns, with weights (1 when undefined). */
export function irlsData(
  X: Design,
  k: number,
  y: readonly number[],
  used: readonly number[],
  weights: readonly number[] | undefined,
  lambda: number,
  penalized: readonly number[],
): IrlsData {
  const n = used.length;
  const subset = n === y.length ? undefined : used;
  let rows: Rows | null = null;
  return {
    xs: packDesign(X, k, subset),
    n,
    k,
    y: Float64Array.from(used, (i) => y[i]),
    w: Float64Array.from(used, (i) => (weights === undefined ? 1 : weights[i])),
    lambda,
    penalized: lambda > 0 ? penalized : [],
    rows: () => (rows ??= designRows(X, subset)),
    W: new Float64Array(n),
    z: new Float64Array(n),
  };
}

/** The objective IRLS minimizes: deviance + λ Σ_{j∈P} β_j² (= −2 ℓ_λ up to a constant). */
export function penalizedDeviance(d: IrlsData, beta: ArrayLike<number>, eta: Float64Array): number {
  let s = 0;
  for (const j of d.penalized) s += beta[j] * beta[j];
  return devianceOf(d.y, eta, d.w) + s * d.lambda;
}

/**
 * The penalized IRLS system (XᵀWX + λ E_P) β = XᵀWz at the W, z last set by `working`, by the
 * fast normal equations; null when ill-conditioned.
 */
function choleskyStep(d: IrlsData): IrlsStep | null {
  const { xs, n, k } = d;
  const { G, b } = normalSystem(xs, n, k, d.W, d.z);
  for (const j of d.penalized) G[j * k + j] += d.lambda;
  const fast = solveNormal(G, b, k);
  return fast === null ? null : { beta: fast.beta, bread: () => fast.inverse() };
}

/** The same system by QR of the augmented [√W X; √λ E_P] against [√W z; 0]. */
function qrStep(d: IrlsData): IrlsStep {
  const { n, k, W, z } = d;
  const sqrtLambda = sqrt(d.lambda);
  const A: number[][] = [];
  const rhs: number[] = [];
  for (let i = 0; i < n; i++) {
    const sw = sqrt(W[i]);
    A.push(d.rows()[i].map((x) => x * sw));
    rhs.push(sw * z[i]);
  }
  for (const j of d.penalized) {
    const row = new Array<number>(k).fill(0);
    row[j] = sqrtLambda;
    A.push(row);
    rhs.push(0);
  }
  const sol = leastSquaresQr(A, rhs, 0);
  return { beta: sol.full_rank ? sol.beta : [NaN], bread: () => sol.xtx_inv };
}

/** The IRLS step at η: Cholesky of the normal equations, QR when they are ill-conditioned. */
export function irlsStep(d: IrlsData, eta: Float64Array): IrlsStep {
  working(eta, d.y, d.w, d.W, d.z);
  return choleskyStep(d) ?? qrStep(d);
}

/**
 * Rank check on the unweighted design (ridge would otherwise mask collinearity). XᵀWX + λ E_P is
 * positive definite exactly when the unpenalized columns (all of them when λ = 0) have full
 * column rank, so those are the columns checked: the QR decides unless their XᵀX is clearly
 * positive definite. Unweighted with λ = 0, the first IRLS system (at β = 0, p = ½) is exactly
 * XᵀX/4, so its Cholesky serves as the check and is returned as step 1; otherwise the check is
 * its own pass over the unpenalized columns' XᵀX.
 */
export function rankCheck(
  d: IrlsData,
  weighted: boolean,
  started: boolean,
): { readonly aliased: readonly number[]; readonly firstStep: IrlsStep | null } {
  const { xs, n, k } = d;
  let firstStep: IrlsStep | null = null;
  const stepIsCheck = d.lambda === 0 && !weighted && !started;
  if (stepIsCheck) {
    working(new Float64Array(n), d.y, d.w, d.W, d.z);
    firstStep = choleskyStep(d);
    if (firstStep !== null) return { aliased: [], firstStep };
  }
  const penalized = new Set(d.penalized);
  const columns = Array.from({ length: k }, (_, j) => j).filter((j) => !penalized.has(j));
  if (columns.length === 0) return { aliased: [], firstStep };
  const m = columns.length;
  const sub = m === k ? xs : new Float64Array(n * m);
  if (sub !== xs) columns.forEach((j, c) => sub.set(xs.subarray(j * n, (j + 1) * n), c * n));
  const clearlyFullRank =
    !stepIsCheck &&
    solveNormal(normalSystem(sub, n, m, null, null).G, new Float64Array(m), m) !== null;
  if (clearlyFullRank) return { aliased: [], firstStep };
  const rows = d.rows().map((row) => columns.map((j) => row[j]));
  const qr = leastSquaresQr(rows, Array.from(d.y), DEFAULT_RANK_TOLERANCE);
  return { aliased: qr.full_rank ? [] : qr.aliased.map((c) => columns[c]), firstStep };
}

/** Where IRLS stopped: β̂, η = Xβ̂, and why (converged, or a step with no finite solution). */
export interface IrlsPath {
  readonly beta: number[];
  readonly eta: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /** The iteration whose system had no finite solution, or 0. */
  readonly singularAt: number;
}

/**
 * Newton-Raphson by IRLS from β₀ (module doc): each step β ← the IRLS solution, halved toward
 * the previous β (up to 30 times) while the penalized deviance rises; stops when
 * |obj − obj_old| / (|obj| + 0.1) < tol. `firstStep`, when given, is the step at β₀.
 */
export function irls(
  d: IrlsData,
  beta0: readonly number[],
  firstStep: IrlsStep | null,
  maxIter: number,
  tol: number,
): IrlsPath {
  const { xs, n, k } = d;
  let beta = beta0.slice();
  let eta: Float64Array = linearPredictor(xs, n, k, beta, new Float64Array(n));
  let etaNew: Float64Array = new Float64Array(n);
  let obj = penalizedDeviance(d, beta, eta);
  let iterations = 1;
  for (; iterations <= maxIter; iterations++) {
    const step = (iterations === 1 && firstStep !== null ? firstStep : irlsStep(d, eta)).beta;
    if (!step.every(Number.isFinite)) {
      return { beta, eta, converged: false, iterations, singularAt: iterations };
    }
    let candidate = step.slice();
    linearPredictor(xs, n, k, candidate, etaNew);
    let objNew = penalizedDeviance(d, candidate, etaNew);
    for (let h = 0; h < 30 && !(objNew <= obj + 1e-12 * abs(obj)); h++) {
      candidate = candidate.map((v, j) => (v + beta[j]) / 2);
      linearPredictor(xs, n, k, candidate, etaNew);
      objNew = penalizedDeviance(d, candidate, etaNew);
    }
    const change = abs(objNew - obj) / (abs(objNew) + 0.1);
    beta = candidate;
    [eta, etaNew] = [etaNew, eta];
    obj = objNew;
    if (change < tol) return { beta, eta, converged: true, iterations, singularAt: 0 };
  }
  return { beta, eta, converged: false, iterations: maxIter, singularAt: 0 };
}

/**
 * Deviance of the weighted intercept-only model, −2 Σ w_i [y_i log p̄ + (1 − y_i) log(1 − p̄)]
 * with p̄ = Σ w y / Σ w; NaN when the design has no constant column to compare with.
 */
export function nullDeviance(d: IrlsData): number {
  const { xs, n, k, y, w } = d;
  if (packedConstantColumns(xs, n, k).length === 0) return NaN;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i];
    swy += w[i] * y[i];
  }
  const pbar = swy / sw;
  return devianceOf(y, new Float64Array(n).fill(log(pbar / (1 - pbar))), w);
}

/**
 * The covariance of β̂ from the bread H⁻¹ (module doc): model V = H⁻¹; robust (HC0)
 * V = H⁻¹ [Σ u_i u_iᵀ] H⁻¹ and cluster V = G/(G − 1) · H⁻¹ [Σ_g u_g u_gᵀ] H⁻¹, with scores
 * u_i = w_i (y_i − p_i) x_i; `clusters` holds one id per used row.
 */
export function logisticCovariance(
  d: IrlsData,
  bread: Rows,
  p: readonly number[],
  seType: LogisticSeType,
  clusters: readonly (string | number)[] | null,
): { readonly vcov: number[][]; readonly n_clusters: number | null } {
  if (seType === 'model') return { vcov: bread.map((row) => row.slice()), n_clusters: null };
  const { y, w } = d;
  const scores = d.rows().map((row, i) => row.map((v) => v * w[i] * (y[i] - p[i])));
  const { meat, groups } = scoreMeat(scores, seType === 'cluster' ? clusters : null, d.k);
  if (seType === 'robust') return { vcov: sandwich(bread, meat, 1), n_clusters: null };
  return { vcov: sandwich(bread, meat, groups / (groups - 1)), n_clusters: groups };
}

/**
 * The status of a finished fit, most serious first: 'separation' when a fitted probability is
 * within 1e-10 of 0 or 1, 'not_converged', 'too_few_clusters' (CR with < 2 clusters), else 'ok'.
 */
export function logisticVerdict(
  p: readonly number[],
  path: Pick<IrlsPath, 'converged' | 'singularAt'>,
  maxIter: number,
  nClusters: number | null,
): { readonly status: StatusCode; readonly reason: string } {
  if (p.some((v) => v < SEPARATION_EPS || v > 1 - SEPARATION_EPS)) {
    return {
      status: 'separation',
      reason:
        'fitted probabilities numerically 0 or 1: the outcome is (quasi-)completely separated by the predictors, so some coefficients diverge; consider lambda > 0',
    };
  }
  if (!path.converged) {
    return {
      status: 'not_converged',
      reason:
        path.singularAt > 0
          ? `IRLS stopped at iteration ${path.singularAt}: the weighted system has no finite solution (unpenalized columns aliased, e.g. two constant columns)`
          : `IRLS did not converge in ${maxIter} iterations`,
    };
  }
  if (nClusters !== null && nClusters < 2) {
    return {
      status: 'too_few_clusters',
      reason: `cluster-robust SEs need >= 2 clusters, got ${nClusters}`,
    };
  }
  return { status: 'ok', reason: '' };
}

/** Logistic regression fit; see the module comment for the algorithm and conventions. */
export function logistic(
  X: Design,
  y: readonly number[],
  options: LogisticOptions = {},
): LogisticResult {
  const nAll = y.length;
  const k = checkDesignShape(X, nAll, 'logistic');
  assertInput(k >= 1 || nAll === 0, 'logistic: X must have at least one column');
  const s = logisticSettings(X, y, k, options);
  const { weights, clusters } = options;
  const head: LogisticHead = { names: s.names, se_type: s.se, lambda: s.lambda, k, rows: nAll };

  const problem = nonFiniteInput(X, y, weights);
  if (problem !== null) return logisticResult(head, 'non_finite_input', problem, {});
  const used = positiveWeightRows(nAll, weights);
  const n = used.length;
  if (n <= k) {
    const reason = `need more rows than coefficients (n = ${n}, k = ${k})`;
    return logisticResult(head, 'too_few_rows', reason, { n });
  }
  const d = irlsData(X, k, y, used, weights, s.lambda, s.penalized);
  const { aliased, firstStep } = rankCheck(d, weights !== undefined, s.start !== undefined);
  if (aliased.length > 0) {
    const ridge =
      s.lambda > 0
        ? '; the ridge (lambda > 0) covers only the penalized columns, so the unpenalized ones must have full rank: penalize or drop one'
        : '';
    const reason = rankDeficientReason(aliased, s.names) + ridge;
    return logisticResult(head, 'singular_design', reason, { n, aliased });
  }
  const y0 = d.y[0];
  if (d.y.every((v) => v === y0) && (y0 === 0 || y0 === 1)) {
    const reason = `every outcome is ${y0}: the maximum-likelihood intercept is infinite`;
    return logisticResult(head, 'constant_outcome', reason, { n });
  }

  const path = irls(d, s.start ?? new Array<number>(k).fill(0), firstStep, s.maxIter, s.tol);
  const { beta, eta } = path;
  const bread = irlsStep(d, eta).bread();
  const p = Array.from(eta, sigmoid);
  const cl = s.se === 'cluster' && clusters !== undefined ? used.map((i) => clusters[i]) : null;
  const cov = logisticCovariance(d, bread, p, s.se, cl);
  const tests = coefficientTests(beta, cov.vcov, normalTwoSided);
  const deviance = devianceOf(d.y, eta, d.w);
  const verdict = logisticVerdict(p, path, s.maxIter, cov.n_clusters);
  const untestable = verdict.status === 'too_few_clusters';
  return logisticResult(head, verdict.status, verdict.reason, {
    coefficients: beta,
    std_errors: untestable ? new Array<number>(k).fill(NaN) : tests.std_errors,
    z_stats: untestable ? new Array<number>(k).fill(NaN) : tests.stats,
    p_values: untestable ? new Array<number>(k).fill(NaN) : tests.p_values,
    vcov: cov.vcov,
    converged: path.converged,
    iterations: path.iterations,
    deviance,
    null_deviance: nullDeviance(d),
    log_likelihood: -deviance / 2,
    n,
    n_clusters: cov.n_clusters,
    fitted: Array.from(n === nAll ? eta : designPredict(X, beta), sigmoid),
  });
}
