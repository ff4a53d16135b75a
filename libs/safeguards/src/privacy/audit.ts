import { findPersonalData, type PersonalDataKind } from './scrub';
import { DEFAULT_K_ANONYMITY } from './k-anonymity';

/**
 * The privacy audit: scans exported artifacts (text: JSON, NDJSON, CSV, Markdown) for what
 * must never leave the engine — user ids, e-mail addresses, phone numbers, URLs, and
 * aggregate cells built from fewer than k users — and fails when it finds one.
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
}

export const DEFAULT_PRIVACY_AUDIT_SETTINGS: PrivacyAuditSettings = Object.freeze({
  k: DEFAULT_K_ANONYMITY,
  user_id_pattern: /\buser-\d{3,}\b/g,
  known_user_ids: Object.freeze([]) as readonly string[],
  user_count_fields: Object.freeze(['user_count', 'distinct_users', 'users']),
  flag_urls: true,
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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

function parsedJson(text: string): unknown[] {
  try {
    return [JSON.parse(text)];
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
    return values;
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
        `(?<![\\w-])(?:${settings.known_user_ids.map(escapeRegExp).join('|')})(?![\\w-])`,
        'g',
      )
    : null;
  const idPattern = new RegExp(settings.user_id_pattern.source, 'g');
  for (const a of artifacts) {
    a.text.split('\n').forEach((line, i) => {
      const add = (kind: PrivacyFindingKind, text: string) =>
        findings.push({ artifact: a.name, line: i + 1, kind, excerpt: mask(text) });
      const ids = new Set<string>();
      for (const m of line.matchAll(idPattern)) ids.add(m[0]);
      if (known) for (const m of line.matchAll(known)) ids.add(m[0]);
      for (const id of ids) add('user_id', id);
      for (const m of findPersonalData(line)) {
        if (m.kind !== 'url' || settings.flag_urls) add(m.kind, m.text);
      }
    });
    const cells: string[] = [];
    for (const v of parsedJson(a.text)) smallCells(v, settings, cells);
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
