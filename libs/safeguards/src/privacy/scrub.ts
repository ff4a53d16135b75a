/**
 * Free-text scrubbing: resume text may carry contact details, and nothing derived from it may
 * leave the user's own records with them. Pure functions; the patterns err on the side of
 * removing too much (a long digit run that is not a phone number is a fair loss).
 */

/** What a scrubbed span was. */
export type PersonalDataKind = 'email' | 'phone' | 'url' | 'user_id';

/** An e-mail address: local part, @, a dotted domain. */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** http(s)/www URLs and bare linkedin/github profile paths; trailing punctuation is not URL. */
export const URL_PATTERN =
  /\b(?:https?:\/\/|www\.|linkedin\.com\/|github\.com\/)[^\s"'<>)]*[^\s"'<>).,;:!?]/gi;

/**
 * A phone number: an optional +country code, then 7-15 digits in groups separated by spaces,
 * dots, dashes or parentheses. Dates (2024-01-05), date-times (2024-01-05 10:00:00) and years
 * are excluded by requiring at least 7 digits and no ISO date shape.
 */
export const PHONE_PATTERN =
  /(?<![\w.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){6,14}(?![\w-])/g;

/** A date, perhaps with the hour of a time after a space (`2025-12-31 23` of `... 23:59:44`). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?: \d{2})?$/;
/** A decimal number (0.1234567890): one dot, digits on both sides, nothing else. */
const DECIMAL = /^\d+\.\d+$/;

/** The placeholder a scrubbed span becomes. */
export const REDACTED: Readonly<Record<PersonalDataKind, string>> = Object.freeze({
  email: '[email]',
  phone: '[phone]',
  url: '[url]',
  user_id: '[user]',
});

/** One piece of personal data found in a text. */
export interface PersonalDataMatch {
  readonly kind: PersonalDataKind;
  readonly text: string;
  readonly index: number;
}

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const t = candidate.trim();
  return digits.length >= 7 && digits.length <= 15 && !ISO_DATE.test(t) && !DECIMAL.test(t);
}

/** Every e-mail address, URL and phone number in `text`, in order of position. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const taken: [number, number][] = [];
  const overlaps = (a: number, b: number) => taken.some(([s, e]) => a < e && b > s);
  const collect = (kind: PersonalDataKind, pattern: RegExp, keep: (s: string) => boolean) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (!keep(m[0]) || overlaps(start, end)) continue;
      taken.push([start, end]);
      found.push({ kind, text: m[0], index: start });
    }
  };
  // E-mails and URLs first: their digits must not be read as phone numbers.
  collect('email', EMAIL_PATTERN, () => true);
  collect('url', URL_PATTERN, () => true);
  collect('phone', PHONE_PATTERN, isPhone);
  return found.sort((a, b) => a.index - b.index);
}

/** The text with every e-mail address, URL and phone number replaced by a placeholder. */
export function scrubText(text: string): string {
  let out = '';
  let at = 0;
  for (const m of findPersonalData(text)) {
    out += text.slice(at, m.index) + REDACTED[m.kind];
    at = m.index + m.text.length;
  }
  return out + text.slice(at);
}

/** Scrubs every string inside a JSON-like value (objects, arrays), leaving the shape. */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubDeep(v)]),
    ) as T;
  }
  return value;
}
