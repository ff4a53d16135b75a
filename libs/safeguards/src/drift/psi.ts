import { quantileSorted } from '@hirelearn/stats';
import { isAscending, sortedNumbers } from '../internal/describe';
import { checkFinite, requireInteger, requireOpenInterval } from '../internal/validate';
import { type Degenerate, degenerate } from '../result';
import type { NumericSample } from './ks-test';

/** Rule of thumb (Siddiqi 2006; Yurdakul 2018): < 0.1 none, 0.1–0.25 moderate, > 0.25 major. */
export type PsiSeverity = 'none' | 'moderate' | 'major';

export const PSI_MODERATE = 0.1;
export const PSI_MAJOR = 0.25;

export function psiSeverity(psi: number): PsiSeverity {
  if (psi < PSI_MODERATE) return 'none';
  return psi <= PSI_MAJOR ? 'moderate' : 'major';
}

export interface PsiOptions {
  /** Number of reference-quantile bins (default 10, i.e. deciles). */
  readonly bins?: number;
  /** Floor applied to empty-bin fractions so ln(a/e) stays finite (default 1e-4). */
  readonly epsilon?: number;
}

export interface PsiBin {
  /** Bin is (lo, hi]; the first bin starts at −∞ and the last ends at +∞. */
  readonly lo: number;
  readonly hi: number;
  readonly reference_fraction: number;
  readonly current_fraction: number;
  /** (a_i − e_i) ln(a_i / e_i) after the epsilon floor. */
  readonly contribution: number;
}

export interface Psi {
  readonly status: 'ok';
  readonly psi: number;
  readonly severity: PsiSeverity;
  readonly bins: readonly PsiBin[];
}

export const DEFAULT_PSI_BINS = 10;
export const DEFAULT_PSI_EPSILON = 1e-4;

/**
 * Population stability index with bins cut at the reference (training) quantiles:
 * PSI = Σ_i (a_i − e_i) ln(a_i / e_i), e_i / a_i = reference / current fraction in bin i.
 * Edges are the type-7 quantiles q_{k/B}, k = 1..B−1, of the reference, de-duplicated
 * (heavy ties give fewer bins); bins are right-closed: (q_{k−1}, q_k].
 */
export function populationStabilityIndex(
  reference: NumericSample,
  current: NumericSample,
  options: PsiOptions = {},
): Psi | Degenerate {
  const b = options.bins ?? DEFAULT_PSI_BINS;
  requireInteger('bins', b, 1);
  if (reference.length === 0 || current.length === 0) {
    return degenerate('empty_input', 'both samples need at least one value');
  }
  const bad = checkFinite(reference, 'reference') ?? checkFinite(current, 'current');
  if (bad) return bad;
  const sorted = sortedNumbers(reference);
  const edges: number[] = [];
  for (let k = 1; k < b; k++) {
    const q = quantileSorted(sorted, k / b);
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  const refCounts = histogram(sorted, edges);
  const curCounts = histogram(current, edges);
  const lo = [-Infinity, ...edges];
  const hi = [...edges, Infinity];
  return fromCounts(refCounts, curCounts, options.epsilon, lo, hi);
}

/**
 * PSI over pre-binned counts (e.g. categories in a fixed order): same formula,
 * fractions e_i = r_i / Σr, a_i = c_i / Σc. Bin lo/hi are the bin indices.
 */
export function psiFromCounts(
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  options: Pick<PsiOptions, 'epsilon'> = {},
): Psi | Degenerate {
  if (referenceCounts.length === 0) return degenerate('empty_input', 'no bins');
  if (referenceCounts.length !== currentCounts.length) {
    return degenerate(
      'length_mismatch',
      `${referenceCounts.length} reference bins vs ${currentCounts.length} current bins`,
    );
  }
  for (const c of [...referenceCounts, ...currentCounts]) {
    if (!(Number.isFinite(c) && c >= 0)) {
      return degenerate('invalid_value', `count ${c} is not a finite non-negative number`);
    }
  }
  const idx = referenceCounts.map((_, i) => i);
  return fromCounts(referenceCounts, currentCounts, options.epsilon, idx, idx);
}

function fromCounts(
  ref: readonly number[],
  cur: readonly number[],
  epsilonOption: number | undefined,
  lo: readonly number[],
  hi: readonly number[],
): Psi | Degenerate {
  const epsilon = epsilonOption ?? DEFAULT_PSI_EPSILON;
  requireOpenInterval('epsilon', epsilon, 0, 1);
  const refTotal = ref.reduce((s, c) => s + c, 0);
  const curTotal = cur.reduce((s, c) => s + c, 0);
  if (refTotal === 0 || curTotal === 0) {
    return degenerate('empty_input', 'a distribution has zero total count');
  }
  let psi = 0;
  const bins = ref.map((r, i) => {
    const e = Math.max(epsilon, r / refTotal);
    const a = Math.max(epsilon, cur[i] / curTotal);
    const contribution = (a - e) * Math.log(a / e);
    psi += contribution;
    return {
      lo: lo[i],
      hi: hi[i],
      reference_fraction: r / refTotal,
      current_fraction: cur[i] / curTotal,
      contribution,
    };
  });
  return { status: 'ok', psi, severity: psiSeverity(psi), bins };
}

/**
 * Counts per right-closed bin: bin k holds edges[k−1] < x ≤ edges[k]. Ascending values are
 * counted in one merge walk; others by binary search over the edges.
 */
function histogram(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  const n = values.length;
  if (isAscending(values)) {
    let k = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i];
      while (k < edges.length && x > edges[k]) k++;
      counts[k]++;
    }
    return counts;
  }
  for (let i = 0; i < n; i++) {
    const x = values[i];
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x <= edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}
