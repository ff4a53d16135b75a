/**
 * Timing facts of a unit × period panel shared by the staggered DiD and the pre-trend test:
 * the calendar (periods ordered by `<` on their values: numbers numerically, strings such as
 * 'YYYY-MM' lexicographically), each row's place in it, and each unit's first treated period.
 */
import { denseIndex } from './twfe';

export interface PanelTiming {
  /** Dense unit index per row. */
  readonly unit: Int32Array;
  readonly units: number;
  /** Rank of the row's period in the calendar (0 = earliest). */
  readonly rank: Int32Array;
  readonly periods: number;
  /** Per unit: rank of its first period with treated ≠ 0, or Infinity (never treated). */
  readonly first_treated: Float64Array;
}

export function panelTiming(
  treated: readonly number[],
  unit: readonly (string | number)[],
  time: readonly (string | number)[],
): PanelTiming {
  const u = denseIndex(unit);
  const calendar = [...new Set(time)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = new Map(calendar.map((p, i) => [p, i]));
  const rank = new Int32Array(time.length);
  for (let i = 0; i < time.length; i++) rank[i] = at.get(time[i]) as number;
  const first = new Float64Array(u.count).fill(Infinity);
  for (let i = 0; i < treated.length; i++) {
    if (treated[i] !== 0 && rank[i] < first[u.index[i]]) first[u.index[i]] = rank[i];
  }
  return { unit: u.index, units: u.count, rank, periods: calendar.length, first_treated: first };
}
