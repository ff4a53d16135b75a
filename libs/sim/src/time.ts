/** Time helpers: the simulator counts whole UTC days from the start of the world. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** ISO 8601 UTC with second precision (`2025-03-04T09:30:00Z`), the wire format's form. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `YYYY-MM` of an instant, for resume role dates. */
export function yearMonth(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Day of the week, 0 = Sunday (UTC). */
export function weekdayOf(ms: number): number {
  return new Date(ms).getUTCDay();
}

export function hourOf(ms: number): number {
  return new Date(ms).getUTCHours();
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
