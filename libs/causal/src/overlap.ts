/**
 * Overlap (positivity) check: the share of units whose propensity lies in [lo, hi]
 * (default [0.05, 0.95]); overlap is OK when that share is at least `min_overlap_share`.
 * `in_bounds` lists the units kept by trimming to [lo, hi] (Crump, Hotz, Imbens & Mitnik
 * 2009, Biometrika 96(1), who recommend [0.1, 0.9]).
 */
import { deepFreeze } from './freeze';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';

export interface OverlapCheck {
  readonly ok: boolean;
  readonly bounds: readonly [number, number];
  readonly share_in_bounds: number;
  readonly n_outside: number;
  /** Indices of units with propensity inside the bounds (the trimmed sample). */
  readonly in_bounds: readonly number[];
  readonly min_treated_score: number;
  readonly max_control_score: number;
  readonly reasons: readonly string[];
}

/** Overlap of propensity `scores` between arms of the 0/1 `treatment`. */
export function checkOverlap(
  scores: readonly number[],
  treatment: readonly number[],
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): OverlapCheck {
  const [lo, hi] = settings.overlap_bounds;
  const inBounds: number[] = [];
  let minT = Infinity;
  let maxC = -Infinity;
  scores.forEach((e, i) => {
    if (e >= lo && e <= hi) inBounds.push(i);
    if (treatment[i] === 1) minT = Math.min(minT, e);
    else maxC = Math.max(maxC, e);
  });
  const n = scores.length;
  const share = n === 0 ? 0 : inBounds.length / n;
  const ok = n > 0 && share >= settings.min_overlap_share && scores.every(Number.isFinite);
  const reasons = ok
    ? []
    : [
        `only ${(100 * share).toFixed(1)}% of units have propensity in [${lo}, ${hi}] (need ${(100 * settings.min_overlap_share).toFixed(0)}%)`,
      ];
  return deepFreeze({
    ok,
    bounds: [lo, hi] as [number, number],
    share_in_bounds: share,
    n_outside: n - inBounds.length,
    in_bounds: inBounds,
    min_treated_score: minT,
    max_control_score: maxC,
    reasons,
  });
}
