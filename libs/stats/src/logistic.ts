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
 *   unweighted design is likewise the QR's, skipped only when XᵀX is clearly positive definite. P = all columns except the
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
interface IrlsStep {
  readonly beta: readonly number[];
  bread(): Rows;
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
  const lambda = options.lambda ?? 0;
  assertInput(
    Number.isFinite(lambda) && lambda >= 0,
    `logistic: lambda must be >= 0, got ${lambda}`,
  );
  const { weights: weightsIn, clusters } = options;
  const { se: seType, names } = regressionOptions<LogisticSeType>(
    'logistic',
    nAll,
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
  const maxIter = options.max_iter ?? 100;
  const tol = options.tol ?? 1e-10;
  const start = options.start;
  if (start !== undefined) {
    assertInput(
      start.length === k && start.every(Number.isFinite),
      `logistic: start must hold ${k} finite coefficients, got ${start.length}`,
    );
  }

  const nanK = (): number[] => new Array<number>(k).fill(NaN);
  const result = (
    status: StatusCode,
    reason: string,
    extra: Partial<LogisticResult>,
  ): LogisticResult => ({
    status,
    reason,
    names,
    coefficients: nanK(),
    std_errors: nanK(),
    z_stats: nanK(),
    p_values: nanK(),
    vcov: Array.from({ length: k }, () => nanK()),
    se_type: seType,
    converged: false,
    iterations: 0,
    deviance: NaN,
    null_deviance: NaN,
    log_likelihood: NaN,
    lambda,
    n: nAll,
    k,
    n_clusters: null,
    aliased: [],
    fitted: new Array<number>(nAll).fill(NaN),
    ...extra,
  });

  const problem = nonFiniteInput(X, y, weightsIn);
  if (problem !== null) return result('non_finite_input', problem, {});
  const used = positiveWeightRows(nAll, weightsIn);
  const n = used.length;
  if (n <= k) {
    return result('too_few_rows', `need more rows than coefficients (n = ${n}, k = ${k})`, { n });
  }
  let rowsU: Rows | null = null;
  const Xu = (): Rows => (rowsU ??= designRows(X, n === nAll ? undefined : used));
  const yu = used.map((i) => y[i]);
  const wu = used.map((i) => (weightsIn === undefined ? 1 : weightsIn[i]));
  const xs = packDesign(X, k, n === nAll ? undefined : used);

  const yv = Float64Array.from(yu);
  const wv = Float64Array.from(wu);
  const penRows = lambda > 0 ? penalized : [];
  const penalty = (beta: ArrayLike<number>): number => {
    let s = 0;
    for (const j of penRows) s += beta[j] * beta[j];
    return s * lambda;
  };
  // Objective to minimize: deviance + λ Σ β_P² (= −2 ℓ_λ up to a constant).
  const objective = (beta: ArrayLike<number>, eta: Float64Array): number =>
    devianceOf(yv, eta, wv) + penalty(beta);
  const W = new Float64Array(n);
  const zw = new Float64Array(n);
  /** The penalized IRLS system at η by the fast normal equations; null when ill-conditioned. */
  const choleskyStep = (etaNow: Float64Array): IrlsStep | null => {
    working(etaNow, yv, wv, W, zw);
    const { G, b } = normalSystem(xs, n, k, W, zw);
    for (const j of penRows) G[j * k + j] += lambda;
    const fast = solveNormal(G, b, k);
    return fast === null ? null : { beta: fast.beta, bread: () => fast.inverse() };
  };
  /** The same system by QR of the augmented [√W X; √λ E_P] against [√W z; 0] (W, z as set). */
  const qrStep = (): IrlsStep => {
    const sqrtLambda = sqrt(lambda);
    const A: number[][] = [];
    const rhs: number[] = [];
    for (let i = 0; i < n; i++) {
      const sw = sqrt(W[i]);
      A.push(Xu()[i].map((x) => x * sw));
      rhs.push(sw * zw[i]);
    }
    for (const j of penRows) {
      const row = new Array<number>(k).fill(0);
      row[j] = sqrtLambda;
      A.push(row);
      rhs.push(0);
    }
    const sol = leastSquaresQr(A, rhs, 0);
    return { beta: sol.full_rank ? sol.beta : [NaN], bread: () => sol.xtx_inv };
  };
  const solveAt = (etaNow: Float64Array): IrlsStep => choleskyStep(etaNow) ?? qrStep();

  // Rank check on the unweighted design (ridge would otherwise mask collinearity): the QR
  // decides unless XᵀX is clearly positive definite. Unweighted, the first IRLS system (at
  // β = 0, p = ½) is exactly XᵀX/4, so its Cholesky serves as the check and as step 1; from
  // a given start the check is its own pass over XᵀX.
  const firstStep =
    lambda === 0 && weightsIn === undefined && start === undefined
      ? choleskyStep(new Float64Array(n))
      : null;
  const clearlyFullRank =
    lambda > 0 ||
    firstStep !== null ||
    ((weightsIn !== undefined || start !== undefined) &&
      solveNormal(normalSystem(xs, n, k, null, null).G, new Float64Array(k), k) !== null);
  const rank = clearlyFullRank ? null : leastSquaresQr(Xu(), yu, DEFAULT_RANK_TOLERANCE);
  if (rank !== null && !rank.full_rank) {
    return result('singular_design', rankDeficientReason(rank.aliased, names), {
      n,
      aliased: rank.aliased,
    });
  }
  if (yu.every((v) => v === yu[0]) && (yu[0] === 0 || yu[0] === 1)) {
    return result(
      'constant_outcome',
      `every outcome is ${yu[0]}: the maximum-likelihood intercept is infinite`,
      { n },
    );
  }

  let beta: number[] = start === undefined ? new Array<number>(k).fill(0) : start.slice();
  let eta = new Float64Array(n);
  if (start !== undefined) linearPredictor(xs, n, k, beta, eta);
  let etaNew = new Float64Array(n);
  let obj = objective(beta, eta);
  let converged = false;
  let iterations = 0;
  let singularAt = 0;
  for (iterations = 1; iterations <= maxIter; iterations++) {
    const step = (iterations === 1 && firstStep !== null ? firstStep : solveAt(eta)).beta;
    if (!step.every(Number.isFinite)) {
      singularAt = iterations;
      break;
    }
    let candidate = step.slice();
    linearPredictor(xs, n, k, candidate, etaNew);
    let objNew = objective(candidate, etaNew);
    for (let h = 0; h < 30 && !(objNew <= obj + 1e-12 * abs(obj)); h++) {
      candidate = candidate.map((v, j) => (v + beta[j]) / 2);
      linearPredictor(xs, n, k, candidate, etaNew);
      objNew = objective(candidate, etaNew);
    }
    const change = abs(objNew - obj) / (abs(objNew) + 0.1);
    beta = candidate;
    [eta, etaNew] = [etaNew, eta];
    obj = objNew;
    if (change < tol) {
      converged = true;
      break;
    }
  }
  iterations = min(iterations, maxIter);

  // Bread at the final estimate.
  const bread = solveAt(eta).bread();
  const pRaw = Array.from(eta, sigmoid);
  const fitted = Array.from(n === nAll ? eta : designPredict(X, beta), sigmoid);
  const deviance = devianceOf(yv, eta, wv);
  let nullDeviance = NaN;
  if (packedConstantColumns(xs, n, k).length > 0) {
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < n; i++) {
      sw += wv[i];
      swy += wv[i] * yv[i];
    }
    const pbar = swy / sw;
    nullDeviance = devianceOf(yv, new Float64Array(n).fill(log(pbar / (1 - pbar))), wv);
  }
  const logLik = -deviance / 2;

  let vcov: number[][];
  let nClusters: number | null = null;
  if (seType === 'model') {
    vcov = bread.map((row) => row.slice());
  } else {
    const scores = Xu().map((row, i) => row.map((v) => v * wu[i] * (yu[i] - pRaw[i])));
    const cl = seType === 'cluster' && clusters !== undefined ? used.map((i) => clusters[i]) : null;
    const { meat, groups } = scoreMeat(scores, cl, k);
    if (seType === 'cluster') nClusters = groups;
    vcov = sandwich(bread, meat, seType === 'cluster' ? groups / (groups - 1) : 1);
  }
  const se = vcov.map((row, j) => Math.sqrt(Math.max(0, row[j])));
  const z = beta.map((b, j) => b / se[j]);
  const pv = z.map((t) => (Number.isNaN(t) ? NaN : normalTwoSided(t)));
  const common = {
    coefficients: beta,
    std_errors: se,
    z_stats: z,
    p_values: pv,
    vcov,
    converged,
    iterations,
    deviance,
    null_deviance: nullDeviance,
    log_likelihood: logLik,
    n,
    n_clusters: nClusters,
    fitted,
  };

  const extreme = pRaw.some((p) => p < SEPARATION_EPS || p > 1 - SEPARATION_EPS);
  if (extreme) {
    return result(
      'separation',
      'fitted probabilities numerically 0 or 1: the outcome is (quasi-)completely separated by the predictors, so some coefficients diverge; consider lambda > 0',
      common,
    );
  }
  if (!converged) {
    return result(
      'not_converged',
      singularAt > 0
        ? `IRLS stopped at iteration ${singularAt}: the weighted system has no finite solution (unpenalized columns aliased, e.g. two constant columns)`
        : `IRLS did not converge in ${maxIter} iterations`,
      common,
    );
  }
  if (nClusters !== null && nClusters < 2) {
    return result('too_few_clusters', `cluster-robust SEs need >= 2 clusters, got ${nClusters}`, {
      ...common,
      std_errors: nanK(),
      z_stats: nanK(),
      p_values: nanK(),
    });
  }
  return result('ok', '', common);
}
