/**
 * Logistic regression by iteratively reweighted least squares (Newton-Raphson), with an
 * optional ridge penalty, observation weights (e.g. inverse-probability weights) and
 * model-based, robust (HC0) or cluster-robust sandwich standard errors.
 *
 *   maximize  ℓ_λ(β) = Σ w_i [y_i η_i − log(1 + e^{η_i})] − (λ/2) Σ_{j∈P} β_j²,   η = Xβ
 *   IRLS step: W_i = w_i p_i(1−p_i),  z_i = η_i + (y_i − p_i)/(p_i(1−p_i)),
 *              β ← argmin Σ W_i (z_i − x_iᵀβ)² + λ Σ_{j∈P} β_j²
 *   solved by QR of the augmented system [√W X; √λ E_P] against [√W z; 0], so XᵀWX is never
 *   inverted for the coefficients (McCullagh & Nelder, Generalized Linear Models, 2nd ed.,
 *   §2.5; Hastie, Tibshirani & Friedman, ESL 2nd ed., §4.4.1). P = all columns except the
 *   constant (intercept) columns unless `penalized` lists them. Start β = 0; step halving if
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
  checkDesign,
  constantColumns,
  DEFAULT_RANK_TOLERANCE,
  leastSquaresQr,
  regressionOptions,
  Rows,
  sandwich,
  scoreMeat,
} from './linalg';
import { allFinite, assertInput, StatusCode, StatusFields } from './status';

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

/** Logistic function 1/(1 + e^{−η}) evaluated without overflow. */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow. */
function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Binomial deviance contribution of one row: −2 w [y η − log(1 + e^η)]. */
function devianceOf(y: readonly number[], eta: readonly number[], w: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    // y log p + (1−y) log(1−p) = yη − log(1+e^η); add the saturated term for fractional y.
    const sat = y[i] > 0 && y[i] < 1 ? y[i] * Math.log(y[i]) + (1 - y[i]) * Math.log(1 - y[i]) : 0;
    d += -2 * w[i] * (y[i] * eta[i] - log1pExp(eta[i]) - sat);
  }
  return d;
}

/** Logistic regression fit; see the module comment for the algorithm and conventions. */
export function logistic(
  X: Rows,
  y: readonly number[],
  options: LogisticOptions = {},
): LogisticResult {
  const nAll = y.length;
  const k = checkDesign(X, nAll, 'logistic');
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
    assertInput(!(v < 0 || v > 1), `logistic: y must be in [0, 1] (0/1 outcomes), got ${v}`);
  }
  const penalized =
    options.penalized ??
    (() => {
      const consts = new Set(constantColumns(X));
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

  if (weightsIn !== undefined && !weightsIn.every((w) => Number.isFinite(w) && w >= 0)) {
    return result('non_finite_input', 'weights must be finite and non-negative', {});
  }
  if (!allFinite(y) || !X.every((row) => allFinite(row))) {
    return result('non_finite_input', 'X or y contains NaN or infinite values', {});
  }
  const used: number[] = [];
  for (let i = 0; i < nAll; i++) if (weightsIn === undefined || weightsIn[i] > 0) used.push(i);
  const n = used.length;
  if (n <= k) {
    return result('too_few_rows', `need more rows than coefficients (n = ${n}, k = ${k})`, { n });
  }
  const Xu = used.map((i) => X[i]);
  const yu = used.map((i) => y[i]);
  const wu = used.map((i) => (weightsIn === undefined ? 1 : weightsIn[i]));

  // Rank check on the unweighted design (ridge would otherwise mask collinearity).
  const rank = leastSquaresQr(Xu, yu, DEFAULT_RANK_TOLERANCE);
  if (!rank.full_rank && lambda === 0) {
    const cols = rank.aliased.map((j) => names[j]).join(', ');
    return result(
      'singular_design',
      `design matrix is rank deficient: column(s) ${cols} are linear combinations of earlier columns (or all zero)`,
      { n, aliased: rank.aliased },
    );
  }
  if (yu.every((v) => v === yu[0]) && (yu[0] === 0 || yu[0] === 1)) {
    return result(
      'constant_outcome',
      `every outcome is ${yu[0]}: the maximum-likelihood intercept is infinite`,
      { n },
    );
  }

  const sqrtLambda = Math.sqrt(lambda);
  const penRows = lambda > 0 ? penalized : [];
  const linpred = (beta: readonly number[]): number[] =>
    Xu.map((row) => row.reduce((s, v, j) => s + v * beta[j], 0));
  const penalty = (beta: readonly number[]): number =>
    penRows.reduce((s, j) => s + beta[j] * beta[j], 0) * lambda;
  // Objective to minimize: deviance + λ Σ β_P² (= −2 ℓ_λ up to a constant).
  const objective = (beta: readonly number[], eta: readonly number[]): number =>
    devianceOf(yu, eta, wu) + penalty(beta);

  let beta = new Array<number>(k).fill(0);
  let eta = linpred(beta);
  let obj = objective(beta, eta);
  let converged = false;
  let iterations = 0;
  let bread: readonly (readonly number[])[] = [];
  const buildSystem = (etaNow: readonly number[]): { A: number[][]; b: number[] } => {
    const A: number[][] = [];
    const b: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = Math.min(1 - P_EPS, Math.max(P_EPS, sigmoid(etaNow[i])));
      const v = p * (1 - p);
      const sw = Math.sqrt(wu[i] * v);
      A.push(Xu[i].map((x) => x * sw));
      b.push(sw * etaNow[i] + (Math.sqrt(wu[i]) * (yu[i] - p)) / Math.sqrt(v));
    }
    for (const j of penRows) {
      const row = new Array<number>(k).fill(0);
      row[j] = sqrtLambda;
      A.push(row);
      b.push(0);
    }
    return { A, b };
  };

  for (iterations = 1; iterations <= maxIter; iterations++) {
    const { A, b } = buildSystem(eta);
    const sol = leastSquaresQr(A, b, 0);
    if (!sol.full_rank || !sol.beta.every(Number.isFinite)) break;
    let candidate = sol.beta.slice();
    let etaNew = linpred(candidate);
    let objNew = objective(candidate, etaNew);
    for (let h = 0; h < 30 && !(objNew <= obj + 1e-12 * Math.abs(obj)); h++) {
      candidate = candidate.map((v, j) => (v + beta[j]) / 2);
      etaNew = linpred(candidate);
      objNew = objective(candidate, etaNew);
    }
    const change = Math.abs(objNew - obj) / (Math.abs(objNew) + 0.1);
    beta = candidate;
    eta = etaNew;
    obj = objNew;
    if (change < tol) {
      converged = true;
      break;
    }
  }
  iterations = Math.min(iterations, maxIter);

  // Bread at the final estimate.
  {
    const { A } = buildSystem(eta);
    const sol = leastSquaresQr(A, new Array<number>(A.length).fill(0), 0);
    bread = sol.xtx_inv;
  }
  const pRaw = eta.map(sigmoid);
  const fitted = new Array<number>(nAll).fill(NaN);
  X.forEach((row, i) => {
    fitted[i] = sigmoid(row.reduce((s, v, j) => s + v * beta[j], 0));
  });
  const deviance = devianceOf(yu, eta, wu);
  const consts = constantColumns(Xu);
  let nullDeviance = NaN;
  if (consts.length > 0) {
    const sw = wu.reduce((a, b) => a + b, 0);
    const pbar = wu.reduce((s, w, i) => s + w * yu[i], 0) / sw;
    const eta0 = Math.log(pbar / (1 - pbar));
    nullDeviance = devianceOf(yu, new Array<number>(n).fill(eta0), wu);
  }
  const logLik = -deviance / 2;

  let vcov: number[][];
  let nClusters: number | null = null;
  if (seType === 'model') {
    vcov = bread.map((row) => row.slice());
  } else {
    const scores = Xu.map((row, i) => row.map((v) => v * wu[i] * (yu[i] - pRaw[i])));
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
    return result('not_converged', `IRLS did not converge in ${maxIter} iterations`, common);
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
