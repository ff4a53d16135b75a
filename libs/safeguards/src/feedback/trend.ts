import { type Degenerate, degenerate } from '../result';

export interface LinearTrend {
  readonly status: 'ok';
  /** b̂ = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)². */
  readonly slope: number;
  /** â = ȳ − b̂ x̄. */
  readonly intercept: number;
  readonly n: number;
}

/** Ordinary least-squares line y = a + b x (Legendre 1805 / Gauss 1809). */
export function leastSquaresTrend(
  x: readonly number[],
  y: readonly number[],
): LinearTrend | Degenerate {
  if (x.length !== y.length) {
    return degenerate('length_mismatch', `${x.length} x values vs ${y.length} y values`);
  }
  if (x.length < 2) return degenerate('insufficient_data', 'need at least two points');
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      return degenerate('invalid_value', `point ${i} is not finite`);
    }
  }
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  if (sxx === 0) return degenerate('zero_variance', 'all x values are equal');
  const slope = sxy / sxx;
  return { status: 'ok', slope, intercept: my - slope * mx, n };
}
