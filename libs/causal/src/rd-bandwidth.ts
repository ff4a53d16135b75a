/**
 * Imbens-Kalyanaraman bandwidth for local linear regression discontinuity with the triangular
 * kernel (Imbens & Kalyanaraman 2012, Rev. Econ. Stud. 79(3); the NBER w14726 algorithm as in
 * R `rdd::IKbandwidth`), for running variable X, cutoff c, N units:
 *   1. pilot h₁ = 1.84 S_X N^{-1/5}; f̂ = (N₋ + N₊) / (2 N h₁) and the pooled variance σ̂² of Y
 *      around the side means, both within c ± h₁;
 *   2. third derivative m̂₃ = 6 γ̂₃ from Y ~ 1{X ≥ c} + (X−c) + (X−c)² + (X−c)³ fitted between the
 *      medians of X on each side; pilot h₂,± = 3.56 (σ̂² / (f̂ max(m̂₃², 0.01)))^{1/7} N±^{-1/7};
 *   3. curvatures m̂₂,± = 2 × the quadratic coefficient of Y ~ (X−c) + (X−c)² on each side
 *      within h₂,±; regularization r± = 720 σ̂² / (n± h₂,±⁴) with n± the counts inside;
 *   h = C_K (2σ̂² / (f̂ ((m̂₂,₊ − m̂₂,₋)² + r₊ + r₋)))^{1/5} N^{-1/5},  C_K = 3.4375 (triangular).
 * Returns NaN when a step has too little data near the cutoff.
 */
import { median, ols, sd } from '@hirelearn/stats';

const C_TRIANGULAR = 3.4375;

/** Least-squares coefficients of y on polynomial rows, or null when the fit fails. */
function fit(rows: number[][], y: number[]): readonly number[] | null {
  if (rows.length <= (rows[0]?.length ?? 0)) return null;
  const r = ols(rows, y);
  return r.status === 'ok' ? r.coefficients : null;
}

/** Imbens-Kalyanaraman bandwidth (see module doc); NaN if the data near c are too thin. */
export function ikBandwidth(
  running: readonly number[],
  outcome: readonly number[],
  cutoff: number,
): number {
  const n = running.length;
  const h1 = 1.84 * sd(running) * n ** (-1 / 5);
  const left = running.flatMap((x, i) => (x >= cutoff - h1 && x < cutoff ? [i] : []));
  const right = running.flatMap((x, i) => (x >= cutoff && x <= cutoff + h1 ? [i] : []));
  if (left.length < 2 || right.length < 2) return NaN;
  const avg = (idx: number[]): number => idx.reduce((s, i) => s + outcome[i], 0) / idx.length;
  const yl = avg(left);
  const yr = avg(right);
  const sigma2 =
    (left.reduce((s, i) => s + (outcome[i] - yl) ** 2, 0) +
      right.reduce((s, i) => s + (outcome[i] - yr) ** 2, 0)) /
    (left.length + right.length);
  const f = (left.length + right.length) / (2 * n * h1);

  const below = running.filter((x) => x < cutoff);
  const above = running.filter((x) => x >= cutoff);
  const lo = median(below);
  const hi = median(above);
  const mid = running.flatMap((x, i) => (x >= lo && x <= hi ? [i] : []));
  const cubic = fit(
    mid.map((i) => {
      const d = running[i] - cutoff;
      return [1, running[i] >= cutoff ? 1 : 0, d, d * d, d * d * d];
    }),
    mid.map((i) => outcome[i]),
  );
  if (cubic === null) return NaN;
  const m3 = 6 * cubic[4];
  const pilot = (count: number): number =>
    3.56 * count ** (-1 / 7) * (sigma2 / (f * Math.max(m3 * m3, 0.01))) ** (1 / 7);
  const h2l = pilot(below.length);
  const h2r = pilot(above.length);
  const side = (inside: (x: number) => boolean): { m2: number; count: number } | null => {
    const idx = running.flatMap((x, i) => (inside(x) ? [i] : []));
    const q = fit(
      idx.map((i) => [1, running[i] - cutoff, (running[i] - cutoff) ** 2]),
      idx.map((i) => outcome[i]),
    );
    return q === null ? null : { m2: 2 * q[2], count: idx.length };
  };
  const l = side((x) => x >= cutoff - h2l && x < cutoff);
  const r = side((x) => x >= cutoff && x <= cutoff + h2r);
  if (l === null || r === null) return NaN;
  const rl = (720 * sigma2) / (l.count * h2l ** 4);
  const rr = (720 * sigma2) / (r.count * h2r ** 4);
  return (
    C_TRIANGULAR * ((2 * sigma2) / (f * ((r.m2 - l.m2) ** 2 + rr + rl))) ** (1 / 5) * n ** (-1 / 5)
  );
}
