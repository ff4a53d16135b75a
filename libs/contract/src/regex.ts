/**
 * `s` with every regular-expression metacharacter escaped, so that the pattern matches `s`
 * literally. The one escaping of the words, openings and user ids that patterns are built from
 * (the analytics' title and opening patterns, which DuckDB's RE2 reads; the privacy audit's
 * JavaScript scan): both dialects read a backslash before these characters as the character.
 */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
