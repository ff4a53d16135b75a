import { requireOpenInterval } from '../internal/validate';

export interface ExplorationSettings {
  /** Rate injected as soon as diversity declines beyond `tolerance` (default 0.1). */
  readonly base_rate: number;
  /** Cap on the injected rate (default 0.3). */
  readonly max_rate: number;
  /** Relative decline treated as noise: no injection at or below it (default 0.05). */
  readonly tolerance: number;
  /** Relative decline at which the cap is reached (default 0.3). */
  readonly saturation: number;
}

export const DEFAULT_EXPLORATION_SETTINGS: ExplorationSettings = Object.freeze({
  base_rate: 0.1,
  max_rate: 0.3,
  tolerance: 0.05,
  saturation: 0.3,
});

/** Merges and validates exploration settings (frozen result); throws RangeError if invalid. */
export function explorationSettings(
  settings: Partial<ExplorationSettings> = {},
): ExplorationSettings {
  const s = { ...DEFAULT_EXPLORATION_SETTINGS, ...settings };
  requireOpenInterval('max_rate', s.max_rate, 0, 1);
  if (!(s.base_rate >= 0 && s.base_rate <= s.max_rate)) {
    throw new RangeError(`base_rate must be in [0, max_rate], got ${s.base_rate}`);
  }
  if (!(s.tolerance >= 0 && s.saturation > s.tolerance && s.saturation <= 1)) {
    throw new RangeError('need 0 <= tolerance < saturation <= 1');
  }
  return Object.freeze(s);
}

/**
 * Exploration rate to inject for a relative diversity decline D (fraction of the starting
 * entropy lost along the fitted trend, see `feedbackLoopStability`). The rule:
 *   D ≤ tolerance                → 0 (no injection: diversity is stable or rising)
 *   tolerance < D < saturation   → base + (cap − base) · (D − tolerance) / (saturation − tolerance)
 *   D ≥ saturation               → cap
 * With the defaults: a 5% decline injects nothing, just above 5% injects 10%, a 17.5% decline
 * 20%, and 30% or more the 30% cap.
 */
export function explorationRate(
  relativeDecline: number,
  settings: Partial<ExplorationSettings> = {},
): number {
  const s = explorationSettings(settings);
  if (!(relativeDecline > s.tolerance)) return 0; // also NaN → 0
  const f = Math.min(1, (relativeDecline - s.tolerance) / (s.saturation - s.tolerance));
  return s.base_rate + (s.max_rate - s.base_rate) * f;
}
