/** Calendar arithmetic of daily series: months, weeks and the seasonal profile by date. */

const DAY_MS = 86_400_000;

export const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Mean count per day of each calendar month that the series covers whole (a partial first
 * or last month would read as a dip). `first_month` is `YYYY-MM`, `start_index` the day
 * index where that month begins.
 */
export function fullMonths(firstDay: string, counts: readonly number[]) {
  const start = dayMs(firstDay);
  const months: { month: string; start: number; days: number; total: number }[] = [];
  for (let i = 0; i < counts.length; i++) {
    const d = new Date(start + i * DAY_MS);
    const month = d.toISOString().slice(0, 7);
    const last = months[months.length - 1];
    if (last?.month === month) {
      last.days++;
      last.total += counts[i];
    } else months.push({ month, start: i, days: 1, total: counts[i] });
  }
  const inMonth = (m: string) => {
    const [y, mo] = m.split('-').map(Number);
    return new Date(Date.UTC(y, mo, 0)).getUTCDate();
  };
  const whole = months.filter((m) => m.days === inMonth(m.month));
  return {
    first_month: whole[0]?.month ?? null,
    per_day: whole.map((m) => m.total / m.days),
    totals: whole.map((m) => m.total),
    months: whole.map((m) => m.month),
    /** Day index (from the first day) where each whole month starts. */
    starts: whole.map((m) => m.start),
  };
}

/**
 * The seasonal profile (per calendar month, at mid-month) read at a day by linear
 * interpolation between the neighbouring mid-months, so removing it leaves no step at month
 * boundaries.
 */
export function seasonalAt(profile: readonly (number | null)[], ms: number): number {
  const d = new Date(ms);
  const month = d.getUTCMonth();
  const days = new Date(Date.UTC(d.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const position = month + (d.getUTCDate() - 0.5) / days - 0.5;
  const lo = Math.floor(position);
  const frac = position - lo;
  const at = (m: number) => profile[((m % 12) + 12) % 12] ?? 0;
  return at(lo) * (1 - frac) + at(lo + 1) * frac;
}

/** Sums of whole weeks from the first day (a trailing partial week is left out). */
export function weeklySums(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 7 <= values.length; i += 7) {
    let s = 0;
    for (let j = i; j < i + 7; j++) s += values[j];
    out.push(s);
  }
  return out;
}
