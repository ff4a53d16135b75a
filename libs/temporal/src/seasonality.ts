import { stl, type StlOptions } from './stl';
import type { TemporalStatusFields } from './status';

/** Where a yearly cycle peaks and bottoms out, and how strong it is. */
export interface SeasonalProfile extends TemporalStatusFields {
  /** Calendar month (1-12) with the highest mean seasonal component, and the lowest. */
  readonly peak_month: number | null;
  readonly trough_month: number | null;
  /** Mean seasonal component per calendar month (index 0 = January). */
  readonly by_month: readonly (number | null)[];
  /** (peak - trough) / mean level: the swing as a share of the typical value. */
  readonly relative_amplitude: number | null;
  /** STL's seasonal strength, 0..1. */
  readonly strength: number | null;
}

/**
 * The yearly profile of a monthly series that starts in calendar month `firstMonth` (1-12):
 * STL with period 12, then the seasonal component averaged per calendar month. Fewer than
 * `min_cycles` years give `too_short_for_season` and no months.
 */
export function monthlySeasonality(
  values: readonly number[],
  firstMonth: number,
  options: Omit<StlOptions, 'period'> = {},
): SeasonalProfile {
  const d = stl(values, { ...options, period: 12 });
  if (d.status !== 'ok')
    return Object.freeze({
      status: d.status,
      reason: d.reason,
      peak_month: null,
      trough_month: null,
      by_month: Object.freeze(new Array(12).fill(null)),
      relative_amplitude: null,
      strength: null,
    });
  const sums = new Array(12).fill(0);
  const counts = new Array(12).fill(0);
  d.seasonal.forEach((s, i) => {
    const m = (firstMonth - 1 + i) % 12;
    sums[m] += s;
    counts[m] += 1;
  });
  const byMonth = sums.map((s, m) => (counts[m] ? s / counts[m] : null));
  let peak = 0;
  let trough = 0;
  for (let m = 1; m < 12; m++) {
    if ((byMonth[m] ?? -Infinity) > (byMonth[peak] ?? -Infinity)) peak = m;
    if ((byMonth[m] ?? Infinity) < (byMonth[trough] ?? Infinity)) trough = m;
  }
  const level = d.trend.reduce((a, b) => a + b, 0) / d.trend.length;
  const swing = (byMonth[peak] ?? 0) - (byMonth[trough] ?? 0);
  return Object.freeze({
    status: 'ok',
    reason: '',
    peak_month: peak + 1,
    trough_month: trough + 1,
    by_month: Object.freeze(byMonth),
    relative_amplitude: level !== 0 ? swing / Math.abs(level) : null,
    strength: d.seasonal_strength,
  });
}
