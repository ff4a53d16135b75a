/**
 * Strings the contract accepts in its free-text fields (an `edit_types` entry, an `edit_type`,
 * a user id, ...) that break code which spells data into SQL, JSON paths or object keys. Every
 * consumer must carry them verbatim: the specs that turn data into names run them all.
 */
export const HOSTILE_STRINGS: readonly string[] = Object.freeze([
  // Issue 12: closes the quoted alias and selects a file's content into an error message.
  `x" , (SELECT error(content) FROM read_text('/etc/hostname')) AS "pwned`,
  'rewrote "summary"',
  "it's; DROP TABLE applications; --",
  'x" AS a FROM applications; CREATE TABLE pwned AS SELECT 42 AS x; SELECT 1 AS "',
  "'); CREATE TABLE pwned AS SELECT 1; --",
  '$1 ? :name @p',
  'line one\nline two\r\n\ttabbed',
  "back\\slash \\x22 \\' %s",
  '*/ /* -- # `tick`',
  'résumé ✨ 简历 \u202Ertl\u202C zero\u200Bwidth',
  '__proto__',
  'constructor',
]);
