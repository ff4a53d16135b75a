import { leastSquaresQr } from './linalg';
import { packDesign } from './design';
import { linearPredictor, normalSystem, solveNormal } from './normal-equations';

describe('designs by rows or by columns', () => {
  it('pack to the same column-major array, whole or a subset of rows', () => {
    const rows = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const columns = {
      columns: [
        [1, 3, 5],
        [2, 4, 6],
      ],
    };
    expect(Array.from(packDesign(rows, 2))).toEqual([1, 3, 5, 2, 4, 6]);
    expect(Array.from(packDesign(columns, 2))).toEqual([1, 3, 5, 2, 4, 6]);
    expect(Array.from(packDesign(rows, 2, [2, 0]))).toEqual([5, 1, 6, 2]);
    expect(Array.from(packDesign(columns, 2, [2, 0]))).toEqual([5, 1, 6, 2]);
  });
});

describe('normal equations by equilibrated Cholesky', () => {
  // y = 1 + 2 x exactly on x = 0..4: β = (1, 2); (XᵀX)⁻¹ = [[0.6, -0.2], [-0.2, 0.1]].
  const X = [0, 1, 2, 3, 4].map((x) => [1, x]);
  const y = [1, 3, 5, 7, 9];

  it('solves an exact line and returns (XᵀX)⁻¹ in closed form', () => {
    const xs = packDesign(X, 2);
    const { G, b } = normalSystem(xs, 5, 2, null, Float64Array.from(y));
    expect(Array.from(G)).toEqual([5, 10, 10, 30]);
    const sol = solveNormal(G, b, 2)!;
    expect(sol.beta[0]).toBeCloseTo(1, 12);
    expect(sol.beta[1]).toBeCloseTo(2, 12);
    const inv = sol.inverse();
    expect(inv[0][0]).toBeCloseTo(0.6, 12);
    expect(inv[0][1]).toBeCloseTo(-0.2, 12);
    expect(inv[1][0]).toBeCloseTo(-0.2, 12);
    expect(inv[1][1]).toBeCloseTo(0.1, 12);
    expect(Array.from(linearPredictor(xs, 5, 2, sol.beta, new Float64Array(5)))).toEqual(
      y.map((v) => expect.closeTo(v, 10)),
    );
  });

  it('weighted: equals the QR solution of √w X against √w y', () => {
    const w = [1, 2, 0.5, 3, 1];
    const yy = [1.2, 2.7, 5.4, 6.6, 9.3];
    const { G, b } = normalSystem(
      packDesign(X, 2),
      5,
      2,
      Float64Array.from(w),
      Float64Array.from(yy),
    );
    const fast = solveNormal(G, b, 2)!;
    const qr = leastSquaresQr(
      X.map((r, i) => r.map((v) => v * Math.sqrt(w[i]))),
      yy.map((v, i) => v * Math.sqrt(w[i])),
    );
    fast.beta.forEach((v, j) => expect(v).toBeCloseTo(qr.beta[j], 12));
    fast
      .inverse()
      .forEach((row, a) => row.forEach((v, c) => expect(v).toBeCloseTo(qr.xtx_inv[a][c], 12)));
  });

  it('refuses a singular or nearly collinear system (the QR decides those)', () => {
    const dup = packDesign(
      X.map((r) => [...r, 2 * r[1]]),
      3,
    );
    expect(solveNormal(normalSystem(dup, 5, 3, null, null).G, new Float64Array(3), 3)).toBeNull();
    // Third column = 2x + 1e-6 noise: |R_33| ≈ 1e-7 < 1e-4, so the pivot is below 1e-8.
    const near = packDesign(
      X.map((r, i) => [...r, 2 * r[1] + (i % 2 === 0 ? 1e-6 : -1e-6)]),
      3,
    );
    expect(solveNormal(normalSystem(near, 5, 3, null, null).G, new Float64Array(3), 3)).toBeNull();
    const zero = packDesign(
      X.map((r) => [r[0], 0]),
      2,
    );
    expect(solveNormal(normalSystem(zero, 5, 2, null, null).G, new Float64Array(2), 2)).toBeNull();
  });
});

describe('least squares by QR', () => {
  it('calls an exactly zero pivot aliased at any tolerance, 0 included (ml-matrix threw)', () => {
    // Both columns are (1, 0, 0) once scaled: R₂₂ is exactly 0. The IRLS fallback asks for
    // tolerance 0 (the rank was checked before), and a zero pivot still cannot be solved.
    const X = [
      [3, 3],
      [0, 0],
      [0, 0],
    ];
    for (const tol of [0, 1e-10]) {
      const sol = leastSquaresQr(X, [1, 2, 3], tol);
      expect(sol.full_rank).toBe(false);
      expect(sol.aliased).toEqual([1]);
      expect(sol.beta.every(Number.isNaN)).toBe(true);
    }
  });
});
