/**
 * `2026-12-10` (its 00:00 UTC) or an ISO date-time with a zone, as a Date; a RangeError
 * naming `field` otherwise (`2026-02-30`, `yesterday`, a local time with no zone). The one
 * reading of the dates operators give on the command line (windows, expiries).
 */
export function parseInstant(value: string, field: string): Date {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const ms = day || zoned ? Date.parse(day ? `${value}T00:00:00Z` : value) : NaN;
  // Date.parse rolls 2026-02-30 over to March 2: a date that does not round-trip is refused.
  if (Number.isNaN(ms) || (day && new Date(ms).toISOString().slice(0, 10) !== value)) {
    throw new RangeError(
      `${field}: '${value}' is not a date (YYYY-MM-DD, or an ISO date-time with a zone such as 2026-01-06T09:00:00Z)`,
    );
  }
  return new Date(ms);
}
