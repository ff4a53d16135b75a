/** Time helpers: the simulator counts whole UTC days from the start of the world. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const dayPrefixes = new Map<number, string>();

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * ISO 8601 UTC with second precision (`2025-03-04T09:30:00Z`), the wire format's form.
 * Formats by hand with a cached date part: it runs once per event, and `Date#toISOString`
 * showed up in the profile.
 */
export function iso(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const day = Math.floor(seconds / 86_400);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const inDay = seconds - day * 86_400;
  const h = Math.floor(inDay / 3600);
  const m = Math.floor((inDay % 3600) / 60);
  return `${prefix}${two(h)}:${two(m)}:${two(inDay % 60)}Z`;
}

/** `YYYY-MM` of an instant, for resume role dates. */
export function yearMonth(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Day of the week, 0 = Sunday (UTC). */
export function weekdayOf(ms: number): number {
  // 1970-01-01 was a Thursday (4).
  return (Math.floor(ms / DAY_MS) + 4) % 7;
}

export function hourOf(ms: number): number {
  return Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / HOUR_MS);
}

/** Day of the year, 1 = 1 January (UTC). */
export function dayOfYear(ms: number): number {
  const d = new Date(ms);
  return Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
}

/** Number of whole days between two ISO instants. */
export function daysBetween(startIso: string, endIso: string): number {
  return Math.round((Date.parse(endIso) - Date.parse(startIso)) / DAY_MS);
}

/** `months` calendar months after an instant (UTC). */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}
