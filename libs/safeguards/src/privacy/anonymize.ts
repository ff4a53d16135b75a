/**
 * Anonymization for cross-user learning: what may leave a user's records is a segment, a
 * week, a city and a role family, never an id, an exact time, an address, a company or an
 * exact title.
 */

const DAY_MS = 86_400_000;

/** The Monday (UTC, ISO week) of the week holding `timestamp`, as `YYYY-MM-DD`. */
export function weekOf(timestamp: string | Date): string {
  const t = typeof timestamp === 'string' ? new Date(timestamp) : timestamp;
  const day = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  const isoDow = ((t.getUTCDay() + 6) % 7) + 1;
  return new Date(day - (isoDow - 1) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The city of a location, dropping anything finer: "221B Baker Street, London, UK" → "London".
 * A location is read as comma-separated parts from finest to coarsest; a part holding a digit
 * (street number, postcode) is finer than a city; the first part without one is the city.
 */
export function cityOf(location: string): string {
  const parts = location
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) return '';
  return parts.find((p) => !/\d/.test(p)) ?? '';
}

/** Seniority words stripped from a title to reach its role family. */
const SENIORITY_WORDS = new Set([
  'intern',
  'junior',
  'jr',
  'mid',
  'senior',
  'sr',
  'staff',
  'principal',
  'lead',
  'head',
  'chief',
  'associate',
  'i',
  'ii',
  'iii',
  'iv',
]);

/** The role family of an exact title: "Senior Data Engineer II" → "Data Engineer". */
export function roleFamily(title: string): string {
  return title
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !SENIORITY_WORDS.has(w.toLowerCase()))
    .join(' ');
}

/** Fields that name a person, a company or an exact title; never in a cross-user record. */
export const IDENTIFYING_FIELDS: readonly string[] = Object.freeze([
  'user_id',
  'application_id',
  'event_id',
  'company',
  'job_title',
  'title',
  'institution',
  'email',
  'phone',
  'protected_attributes',
]);

/**
 * A cross-user record from one user's record: identifying fields dropped, timestamps
 * (`*_at`, `timestamp`) cut to their week, locations cut to their city.
 */
export function anonymizeRecord(
  record: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (IDENTIFYING_FIELDS.includes(k)) continue;
    if ((k.endsWith('_at') || k === 'timestamp') && (typeof v === 'string' || v instanceof Date)) {
      out[k.endsWith('_at') ? `${k.slice(0, -3)}_week` : 'week'] = weekOf(v);
    } else if (k.endsWith('location') && typeof v === 'string') {
      out[k] = cityOf(v);
    } else out[k] = v;
  }
  return out;
}
