/**
 * Fast least-squares kernel on typed arrays: the weighted normal equations
 *
 *   (Xᵀ W X + Λ) β = Xᵀ W z,   Λ = diag(λ_j)   (ridge on some columns, 0 elsewhere)
 *
 * accumulated over a packed column-major design (O(n k²/2) multiply-adds in sequential dot
 * products of columns, no per-row allocation), equilibrated to unit diagonal, G̃ = S G S with S = diag(1/√G_jj), and solved by
 * Cholesky G̃ = L Lᵀ (Golub & Van Loan, Matrix Computations 4th ed., §4.2 and §3.5.2).
 *
 * Forming XᵀWX squares the condition number, so the solve refuses (returns null) whenever a
 * pivot of the equilibrated factor falls below `minPivot`: for unit-norm columns the pivot L_jj²
 * equals R_jj², the squared distance of column j from the span of the earlier ones (R of the QR
 * of the equilibrated design), so a pivot ≥ 1e-8 means |R_jj| ≥ 1e-4, far from the rank
 * tolerance 1e-7 and from rounding. Callers then fall back to the QR of linalg.ts, which also
 * decides rank deficiency — the fast path never declares a design singular on its own.
 */

/** Equilibrated Cholesky pivots below this make `solveNormal` refuse (see the module doc). */
export const MIN_CHOLESKY_PIVOT = 1e-8;

const { sqrt } = Math;

/** x_iᵀ β for every row of the column-major n × k design `xs`, written into `out`. */
export function linearPredictor(
  xs: Float64Array,
  n: number,
  k: number,
  beta: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  out.fill(0);
  for (let j = 0; j < k; j++) {
    const b = beta[j];
    if (b === 0) continue;
    for (let i = 0, o = j * n; i < n; i++, o++) out[i] += b * xs[o];
  }
  return out;
}

/** The weighted system: G = Σ w_i x_i x_iᵀ (full k × k, row-major) and b = Σ w_i z_i x_i. */
export interface NormalSystem {
  readonly G: Float64Array;
  readonly b: Float64Array;
}

/**
 * Accumulates G and b over the column-major design (`w` null = unit weights; `z` null = b of
 * zeros): each entry is one weighted dot product of two columns.
 */
export function normalSystem(
  xs: Float64Array,
  n: number,
  k: number,
  w: Float64Array | null,
  z: Float64Array | null,
): NormalSystem {
  const G = new Float64Array(k * k);
  const b = new Float64Array(k);
  const wx = new Float64Array(n);
  for (let a = 0; a < k; a++) {
    const oa = a * n;
    if (w === null) wx.set(xs.subarray(oa, oa + n));
    else for (let i = 0; i < n; i++) wx[i] = w[i] * xs[oa + i];
    if (z !== null) {
      let s = 0;
      for (let i = 0; i < n; i++) s += wx[i] * z[i];
      b[a] = s;
    }
    // Four columns per pass share the loads of wx (about 1.6x faster than one at a time).
    let c = a;
    for (; c + 3 < k; c += 4) {
      const o0 = c * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < n; i++) {
        const v = wx[i];
        s0 += v * xs[o0 + i];
        s1 += v * xs[o1 + i];
        s2 += v * xs[o2 + i];
        s3 += v * xs[o3 + i];
      }
      G[a * k + c] = G[c * k + a] = s0;
      G[a * k + c + 1] = G[(c + 1) * k + a] = s1;
      G[a * k + c + 2] = G[(c + 2) * k + a] = s2;
      G[a * k + c + 3] = G[(c + 3) * k + a] = s3;
    }
    for (; c < k; c++) {
      const oc = c * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += wx[i] * xs[oc + i];
      G[a * k + c] = G[c * k + a] = s;
    }
  }
  return { G, b };
}

/** A solved system: β and, on demand, G⁻¹ (the bread of the sandwich covariances). */
export interface NormalSolution {
  readonly beta: number[];
  inverse(): number[][];
}

/**
 * Solves G β = b by equilibrated Cholesky (module doc); null when G is not clearly positive
 * definite (a zero or negative diagonal, or a pivot below `minPivot`).
 */
export function solveNormal(
  G: Float64Array,
  b: Float64Array,
  k: number,
  minPivot: number = MIN_CHOLESKY_PIVOT,
): NormalSolution | null {
  const s = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const d = G[j * k + j];
    if (!(d > 0) || !Number.isFinite(d)) return null;
    s[j] = 1 / sqrt(d);
  }
  // L (lower triangle, row-major) of S G S.
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let v = G[i * k + j] * s[i] * s[j];
      for (let m = 0; m < j; m++) v -= L[i * k + m] * L[j * k + m];
      if (i === j) {
        if (!(v >= minPivot)) return null;
        L[i * k + i] = sqrt(v);
      } else {
        L[i * k + j] = v / L[j * k + j];
      }
    }
  }
  // L u = S b, Lᵀ v = u, β = S v.
  const u = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let v = b[i] * s[i];
    for (let m = 0; m < i; m++) v -= L[i * k + m] * u[m];
    u[i] = v / L[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let v = u[i];
    for (let m = i + 1; m < k; m++) v -= L[m * k + i] * u[m];
    u[i] = v / L[i * k + i];
  }
  const beta = Array.from(u, (v, j) => v * s[j]);
  if (!beta.every(Number.isFinite)) return null;
  return {
    beta,
    inverse: () => {
      // L⁻¹ by forward substitution, then G⁻¹ = S L⁻ᵀ L⁻¹ S.
      const Li = new Float64Array(k * k);
      for (let c = 0; c < k; c++) {
        for (let r = c; r < k; r++) {
          let v = r === c ? 1 : 0;
          for (let m = c; m < r; m++) v -= L[r * k + m] * Li[m * k + c];
          Li[r * k + c] = v / L[r * k + r];
        }
      }
      const inv = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      for (let a = 0; a < k; a++) {
        for (let c = a; c < k; c++) {
          let v = 0;
          for (let m = c; m < k; m++) v += Li[m * k + a] * Li[m * k + c];
          v *= s[a] * s[c];
          inv[a][c] = v;
          inv[c][a] = v;
        }
      }
      return inv;
    },
  };
}
