/**
 * Least-squares kernel shared by OLS, WLS and IRLS: Householder QR (ml-matrix
 * `QrDecomposition`) of the column-equilibrated design, so the normal equations X'X are never
 * formed or inverted for the coefficients.
 *
 *   X D = Q R,  D = diag(1/‖x_j‖);   β = D R⁻¹ Qᵀ y;   (XᵀX)⁻¹ = D R⁻¹ R⁻ᵀ D
 *
 * Rank: column j is declared aliased when |R_jj| < tol (columns have unit norm, so |R_jj| is
 * the norm of the part of x_j orthogonal to x_1..x_{j-1}); default tol 1e-7 as in R's `lm`.
 * Column equilibration: Golub & Van Loan, Matrix Computations (4th ed.), §5.3 and §3.5.2.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import { assertInput } from './status';

export const DEFAULT_RANK_TOLERANCE = 1e-7;

/** Dense row-major matrix as accepted by the public APIs. */
export type Rows = readonly (readonly number[])[];

export interface LeastSquaresSolution {
  /** True when the design has full column rank. */
  readonly full_rank: boolean;
  /** Indices of columns that are (numerically) linear combinations of earlier columns. */
  readonly aliased: readonly number[];
  /** Coefficients (NaN when not full rank). */
  readonly beta: readonly number[];
  /** (XᵀX)⁻¹ (NaN-filled when not full rank). */
  readonly xtx_inv: readonly (readonly number[])[];
}

/** The options every regression takes, checked once for all of them. */
export interface RegressionOptionsIn<S extends string> {
  readonly weights?: readonly number[];
  readonly clusters?: readonly (string | number)[];
  readonly se?: S;
  readonly names?: readonly string[];
}

/**
 * Checks weights, clusters, the SE type and coefficient names against an n × k design, and
 * resolves the SE type (cluster-robust when clusters are given, else `defaultSe`) and names.
 */
export function regressionOptions<S extends string>(
  fn: string,
  n: number,
  k: number,
  options: RegressionOptionsIn<S>,
  defaultSe: S,
): { readonly se: S; readonly names: readonly string[] } {
  const { weights, clusters } = options;
  if (weights !== undefined) {
    assertInput(weights.length === n, `${fn}: weights has ${weights.length} values, y has ${n}`);
  }
  if (clusters !== undefined) {
    assertInput(
      clusters.length === n,
      `${fn}: clusters has ${clusters.length} ids, y has ${n} values`,
    );
  }
  const se = options.se ?? (clusters !== undefined ? ('cluster' as S) : defaultSe);
  assertInput(
    se !== 'cluster' || clusters !== undefined,
    `${fn}: se = 'cluster' requires options.clusters`,
  );
  const names = options.names ?? Array.from({ length: k }, (_, j) => `x${j}`);
  assertInput(names.length === k, `${fn}: names has ${names.length} entries, X has ${k} columns`);
  return { se, names };
}

function nanMatrix(k: number): number[][] {
  return Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
}

/** Least squares min ‖y − Xβ‖² by QR; X is n × k with n ≥ k ≥ 1. */
export function leastSquaresQr(
  X: Rows,
  y: readonly number[],
  tol: number = DEFAULT_RANK_TOLERANCE,
): LeastSquaresSolution {
  const n = X.length;
  const k = X[0].length;
  const norms = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) norms[j] += X[i][j] * X[i][j];
  for (let j = 0; j < k; j++) norms[j] = Math.sqrt(norms[j]);

  const zeroCols = norms.flatMap((v, j) => (v > 0 ? [] : [j]));
  if (zeroCols.length > 0) {
    return {
      full_rank: false,
      aliased: zeroCols,
      beta: new Array<number>(k).fill(NaN),
      xtx_inv: nanMatrix(k),
    };
  }
  const scaled = new Matrix(n, k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) scaled.set(i, j, X[i][j] / norms[j]);
  const qr = new QrDecomposition(scaled);
  const R = qr.upperTriangularMatrix;
  const aliased: number[] = [];
  // A pivot below the tolerance is aliased; an exactly zero (or NaN) one is at any tolerance,
  // 0 included: the triangular solve cannot divide by it.
  for (let j = 0; j < k; j++) {
    const pivot = Math.abs(R.get(j, j));
    if (!(pivot >= tol && pivot > 0)) aliased.push(j);
  }
  if (aliased.length > 0) {
    return {
      full_rank: false,
      aliased,
      beta: new Array<number>(k).fill(NaN),
      xtx_inv: nanMatrix(k),
    };
  }
  const betaScaled = qr.solve(Matrix.columnVector(Array.from(y)));
  const beta = Array.from({ length: k }, (_, j) => betaScaled.get(j, 0) / norms[j]);

  // R⁻¹ by back substitution (upper triangular).
  const Rinv = nanMatrix(k).map((row) => row.fill(0));
  for (let c = 0; c < k; c++) {
    for (let r = c; r >= 0; r--) {
      let s = r === c ? 1 : 0;
      for (let m = r + 1; m <= c; m++) s -= R.get(r, m) * Rinv[m][c];
      Rinv[r][c] = s / R.get(r, r);
    }
  }
  const xtxInv = nanMatrix(k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let m = Math.max(a, b); m < k; m++) s += Rinv[a][m] * Rinv[b][m];
      const v = s / (norms[a] * norms[b]);
      xtxInv[a][b] = v;
      xtxInv[b][a] = v;
    }
  }
  return { full_rank: true, aliased: [], beta, xtx_inv: xtxInv };
}

/** B M B for symmetric k × k bread B and meat M, times `scale`. */
export function sandwich(
  bread: readonly (readonly number[])[],
  meat: readonly (readonly number[])[],
  scale: number,
): number[][] {
  const k = bread.length;
  const bm = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let m = 0; m < k; m++) s += bread[i][m] * meat[m][j];
      return s;
    }),
  );
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let m = 0; m < k; m++) s += bm[i][m] * bread[m][j];
      return s * scale;
    }),
  );
}

/** Meat Σ_g s_g s_gᵀ from per-row score vectors grouped by cluster id (or per row if null). */
export function scoreMeat(
  scores: readonly (readonly number[])[],
  clusters: readonly (string | number)[] | null,
  k: number,
): { meat: number[][]; groups: number } {
  const sums = new Map<string | number, number[]>();
  scores.forEach((s, i) => {
    const key = clusters === null ? i : clusters[i];
    let acc = sums.get(key);
    if (acc === undefined) {
      acc = new Array<number>(k).fill(0);
      sums.set(key, acc);
    }
    for (let j = 0; j < k; j++) acc[j] += s[j];
  });
  const meat = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const s of sums.values()) {
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a][b] += s[a] * s[b];
  }
  return { meat, groups: sums.size };
}
