/**
 * Overlap (positivity) check: the share of units whose propensity lies in the region [lo, hi];
 * overlap is OK when that share is at least `min_overlap_share` — or, when the estimators trim
 * to the region (`trim`), `min_trimmed_share` of the sample. `in_bounds` lists the units
 * kept by trimming to the region. The region is, by `overlap_rule`:
 *   'bounds': the fixed `overlap_bounds` (default [0.05, 0.95]);
 *   'crump':  [α, 1 − α] with α the optimal threshold of Crump, Hotz, Imbens & Mitnik (2009,
 *             Biometrika 96(1), Theorem 1): with g = 1/(e(1 − e)), α = 0 when
 *             max g ≤ 2 E[g], else γ = 1/(α(1 − α)) solves γ = 2 E[g | g ≤ γ]. It drops only the
 *             units whose weights would inflate the variance most, so a rare treatment whose
 *             propensities are all small but alike keeps every unit, where fixed bounds would
 *             drop nearly all of them.
 */
import { deepFreeze } from './freeze';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';

export interface OverlapCheck {
  readonly ok: boolean;
  /** The region [lo, hi] of the settings' `overlap_rule`. */
  readonly bounds: readonly [number, number];
  readonly share_in_bounds: number;
  readonly n_outside: number;
  /** Indices of units with propensity inside the bounds (the trimmed sample). */
  readonly in_bounds: readonly number[];
  readonly min_treated_score: number;
  readonly max_control_score: number;
  readonly reasons: readonly string[];
}

const fmt = (x: number): string => String(Number(x.toPrecision(3)));

/** Crump et al.'s optimal trimming threshold α for propensity `scores` (module doc). */
export function crumpAlpha(scores: readonly number[]): number {
  let n = 0;
  const g = new Float64Array(scores.length);
  for (const e of scores) if (e > 0 && e < 1) g[n++] = 1 / (e * (1 - e));
  g.subarray(0, n).sort();
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += g[i];
  if (g[n - 1] <= (2 * sum) / n) return 0;
  // On [g_(m), g_(m+1)) the conditional mean is that of the m smallest: the first m with
  // 2 c_m < g_(m+1) holds the root γ = 2 c_m (and 2 c_m ≥ g_(m) by induction).
  let cum = 0;
  for (let m = 1; m < n; m++) {
    cum += g[m - 1];
    const gamma = (2 * cum) / m;
    if (gamma < g[m]) return 0.5 - Math.sqrt(0.25 - 1 / gamma);
  }
  return 0;
}

/** The propensity region [lo, hi] of `settings.overlap_rule` (module doc). */
export function overlapRegion(
  scores: readonly number[],
  settings: CausalSettings,
): readonly [number, number] {
  if (settings.overlap_rule === 'bounds') return settings.overlap_bounds;
  const alpha = crumpAlpha(scores);
  return [alpha, 1 - alpha];
}

/** Overlap of propensity `scores` between arms of the 0/1 `treatment`. */
export function checkOverlap(
  scores: readonly number[],
  treatment: readonly number[],
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
): OverlapCheck {
  const [lo, hi] = overlapRegion(scores, settings);
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
  const need = settings.trim ? settings.min_trimmed_share : settings.min_overlap_share;
  const ok = n > 0 && share >= need && scores.every(Number.isFinite);
  const reasons = ok
    ? []
    : [
        `only ${(100 * share).toFixed(1)}% of units have propensity in [${fmt(lo)}, ${fmt(hi)}] (need ${(100 * need).toFixed(0)}%${settings.trim ? ' of the sample kept by trimming' : ''})`,
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
