import { COMPANY_SIZES, escapeRegex } from '@hirelearn/contract';
import { findPersonalData, type PersonalDataKind } from './scrub';
import { DEFAULT_K_ANONYMITY } from './k-anonymity';

/**
 * The privacy audit: scans exported artifacts (text: JSON, NDJSON, CSV, Markdown) for what
 * must never leave the engine — user ids, e-mail addresses, phone numbers, URLs, and
 * aggregate cells built from fewer than k users — and fails when it finds one.
 *
 * In JSON the text is the strings (keys and values): numbers are measures, and a count of
 * 4,129,800 events is not a phone number. Values of the contract's enumerations are never
 * personal data (a company size of `501-1000` has the shape of a phone number).
 */

export interface PrivacyAuditSettings {
  /** Minimum distinct users behind a shown cell. */
  readonly k: number;
  /** How a user id looks (the simulator's and the producers' `user-NNNNN`). */
  readonly user_id_pattern: RegExp;
  /** Exact user ids known to the store; found anywhere, they are a leak. */
  readonly known_user_ids: readonly string[];
  /** JSON fields that hold the distinct-user count of a cell. */
  readonly user_count_fields: readonly string[];
  /** Also flag URLs (some exports legitimately cite documentation links). */
  readonly flag_urls: boolean;
  /** Exact strings that are not personal data whatever their shape (the contract's enum values). */
  readonly vocabulary: readonly string[];
  /**
   * The JSON field that names the one user a per-user view is about (`analytics user`): an
   * artifact whose user ids are all one id, each the value of this field, is that user's own
   * view and passes. Any other id, or the id anywhere else, is a finding. null: every id is.
   */
  readonly subject_field: string | null;
}

export const DEFAULT_PRIVACY_AUDIT_SETTINGS: PrivacyAuditSettings = Object.freeze({
  k: DEFAULT_K_ANONYMITY,
  user_id_pattern: /\buser-\d{3,}\b/g,
  known_user_ids: Object.freeze([]) as readonly string[],
  user_count_fields: Object.freeze(['user_count', 'distinct_users', 'users']),
  flag_urls: true,
  vocabulary: COMPANY_SIZES,
  subject_field: 'user_id',
});

export type PrivacyFindingKind = PersonalDataKind | 'small_cell';

/** One leak: what, in which artifact, at which line, with a masked excerpt. */
export interface PrivacyFinding {
  readonly artifact: string;
  readonly line: number;
  readonly kind: PrivacyFindingKind;
  /** The finding with all but its first two characters masked, so the report leaks nothing. */
  readonly excerpt: string;
}

export interface PrivacyAuditResult {
  readonly status: 'pass' | 'fail';
  readonly artifacts_scanned: number;
  readonly findings: readonly PrivacyFinding[];
  readonly by_kind: Readonly<Record<PrivacyFindingKind, number>>;
}

/** An artifact to scan: a name (path) and its text. */
export interface AuditArtifact {
  readonly name: string;
  readonly text: string;
}

const mask = (s: string) => s.slice(0, 2) + '*'.repeat(Math.max(0, s.length - 2));

/** Small cells in a parsed JSON value: objects whose user count is below k and not suppressed. */
function smallCells(value: unknown, settings: PrivacyAuditSettings, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) smallCells(v, settings, out);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const f of settings.user_count_fields) {
      const n = o[f];
      if (typeof n === 'number' && n > 0 && n < settings.k && o.suppressed !== true) {
        out.push(`${f}=${n}`);
      }
    }
    for (const v of Object.values(o)) smallCells(v, settings, out);
  }
}

function parsedJson(text: string): { values: unknown[]; whole: boolean } {
  try {
    return { values: [JSON.parse(text)], whole: true };
  } catch {
    // NDJSON: one value a line; lines that are not JSON are text only.
    const values: unknown[] = [];
    for (const line of text.split('\n')) {
      try {
        if (line.trim()) values.push(JSON.parse(line));
      } catch {
        /* not JSON: scanned as text */
      }
    }
    return { values, whole: false };
  }
}

/** A piece of text to scan: a JSON string (with the key it is the value of) or a text line. */
interface Span {
  readonly text: string;
  readonly key: string | null;
}

const JSON_STRING = /"(?:[^"\\\n]|\\.)*"/g;

/** The strings of a line of JSON (JSON never breaks a string across lines), decoded. */
function jsonStrings(line: string): Span[] {
  const spans: Span[] = [];
  let previous: { text: string; end: number } | null = null;
  for (const m of line.matchAll(JSON_STRING)) {
    const text = JSON.parse(m[0]) as string;
    // A string is the value of the string just before it when only a colon lies between.
    const isValue = previous !== null && /^\s*:\s*$/.test(line.slice(previous.end, m.index));
    spans.push({ text, key: isValue && previous ? previous.text : null });
    previous = { text, end: m.index + m[0].length };
  }
  return spans;
}

function isJsonLine(line: string): boolean {
  try {
    JSON.parse(line);
    return line.trim() !== '';
  } catch {
    return false;
  }
}

/** Scans artifacts; `status` is `fail` when anything was found. */
export function auditArtifacts(
  artifacts: readonly AuditArtifact[],
  settings: PrivacyAuditSettings = DEFAULT_PRIVACY_AUDIT_SETTINGS,
): PrivacyAuditResult {
  const findings: PrivacyFinding[] = [];
  const known = settings.known_user_ids.length
    ? new RegExp(
        `(?<![\\w-])(?:${settings.known_user_ids.map(escapeRegex).join('|')})(?![\\w-])`,
        'g',
      )
    : null;
  const idPattern = new RegExp(settings.user_id_pattern.source, 'g');
  const vocabulary = new Set(settings.vocabulary);
  for (const a of artifacts) {
    const json = parsedJson(a.text);
    const ids: { line: number; id: string; key: string | null }[] = [];
    a.text.split('\n').forEach((line, i) => {
      const add = (kind: PrivacyFindingKind, text: string) =>
        findings.push({ artifact: a.name, line: i + 1, kind, excerpt: mask(text) });
      const spans =
        json.whole || isJsonLine(line) ? jsonStrings(line) : [{ text: line, key: null }];
      for (const span of spans) {
        if (vocabulary.has(span.text)) continue;
        const found = new Set<string>();
        for (const m of span.text.matchAll(idPattern)) found.add(m[0]);
        if (known) for (const m of span.text.matchAll(known)) found.add(m[0]);
        for (const id of found) ids.push({ line: i + 1, id, key: span.key });
        for (const m of findPersonalData(span.text)) {
          if (m.kind !== 'url' || settings.flag_urls) add(m.kind, m.text);
        }
      }
    });
    const ownView =
      new Set(ids.map((x) => x.id)).size === 1 &&
      ids.every((x) => x.key !== null && x.key === settings.subject_field);
    if (!ownView)
      for (const x of ids)
        findings.push({ artifact: a.name, line: x.line, kind: 'user_id', excerpt: mask(x.id) });
    const cells: string[] = [];
    for (const v of json.values) smallCells(v, settings, cells);
    for (const c of cells)
      findings.push({ artifact: a.name, line: 0, kind: 'small_cell', excerpt: c });
  }
  const by_kind = { email: 0, phone: 0, url: 0, user_id: 0, small_cell: 0 };
  for (const f of findings) by_kind[f.kind] += 1;
  return Object.freeze({
    status: findings.length ? 'fail' : 'pass',
    artifacts_scanned: artifacts.length,
    findings: Object.freeze(findings),
    by_kind: Object.freeze(by_kind),
  });
}
