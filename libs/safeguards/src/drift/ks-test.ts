import { sortedNumbers } from '../internal/describe';
import { checkFinite } from '../internal/validate';
import { type Degenerate, degenerate } from '../result';
import { kolmogorovSurvival } from './kolmogorov';

/**
 * - `asymptotic`: p = Q_KS(√(nm/(n+m)) · D) (Smirnov 1939; scipy's `ks_2samp(method='asymp')`
 *   before the small-n kstwo refinement).
 * - `exact`: P(D_{n,m} ≥ D) under H₀ for continuous data, counting monotone lattice paths from
 *   (0,0) to (n,m) that stay strictly inside |i/n − j/m| < D (Hodges 1958), O(nm).
 * - `auto` (default): exact when n·m ≤ 10 000, asymptotic otherwise.
 */
export type KsMethod = 'auto' | 'exact' | 'asymptotic';

export interface KsOptions {
  readonly method?: KsMethod;
}

export interface KsTest {
  readonly status: 'ok';
  /** D = sup_x |F_ref(x) − F_cur(x)| over the empirical CDFs. */
  readonly statistic: number;
  readonly p_value: number;
  readonly method: 'exact' | 'asymptotic';
  readonly n_reference: number;
  readonly n_current: number;
}

const EXACT_MAX_CELLS = 10_000;

/** A numeric sample: an array, or a Float64Array (an ascending one is not sorted again). */
export type NumericSample = readonly number[] | Float64Array;

/**
 * Two-sample Kolmogorov-Smirnov test (two-sided). Ties are handled in D; the p-values
 * assume continuous data (conservative with ties).
 */
export function ksTwoSample(
  reference: NumericSample,
  current: NumericSample,
  options: KsOptions = {},
): KsTest | Degenerate {
  const requested = options.method ?? 'auto';
  if (reference.length === 0 || current.length === 0) {
    return degenerate('empty_input', 'both samples need at least one value');
  }
  const bad = checkFinite(reference, 'reference') ?? checkFinite(current, 'current');
  if (bad) return bad;
  const n = reference.length;
  const m = current.length;
  const d = ksStatistic(sortedNumbers(reference), sortedNumbers(current));
  const method =
    requested === 'auto' ? (n * m <= EXACT_MAX_CELLS ? 'exact' : 'asymptotic') : requested;
  const p =
    method === 'exact'
      ? exactSurvival(d, n, m)
      : kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * d);
  return { status: 'ok', statistic: d, p_value: p, method, n_reference: n, n_current: m };
}

/** D over two ascending arrays, stepping through each distinct value once (ties move both CDFs). */
function ksStatistic(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/**
 * P(D ≥ d) = 1 − (paths inside)/C(n+m, n). The fraction of paths reaching (i, j) is carried
 * as u(i,j) = [i·u(i−1,j) + j·u(i,j−1)] / (i+j), which stays in [0, 1] (no overflow).
 */
function exactSurvival(d: number, n: number, m: number): number {
  // D is a multiple of 1/lcm(n, m); compare |i·m − j·n| < D·n·m in integers.
  const bound = Math.round(d * n * m);
  const u = new Float64Array(m + 1);
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (Math.abs(i * m - j * n) >= bound) {
        u[j] = 0;
      } else if (i === 0 && j === 0) {
        u[j] = 1;
      } else {
        const fromAbove = i > 0 ? i * u[j] : 0;
        const fromLeft = j > 0 ? j * u[j - 1] : 0;
        u[j] = (fromAbove + fromLeft) / (i + j);
      }
    }
  }
  return Math.min(1, Math.max(0, 1 - u[m]));
}
