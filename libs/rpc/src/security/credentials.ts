/**
 * The identities a server knows. A credentials file (HIRELEARN_CREDENTIALS) lists principals,
 * each an identity and a role, known by the sha256 of a bearer token or by the common name of
 * a client certificate (mutual TLS). Tokens themselves are never stored, so the file is not a
 * secret. Without a credentials file a loopback server trusts one local token instead: a
 * random token in a 0600 file (HIRELEARN_TOKEN_FILE) that only the server's user can read.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { userInfo } from 'node:os';
import { ROLES, type Role } from './access';

/** An authenticated caller: the identity recorded as the actor of what it changes. */
export interface Caller {
  readonly identity: string;
  readonly role: Role;
  readonly via: 'token' | 'certificate' | 'local-token';
}

/** What a server checks credentials against. */
export interface Principals {
  /** The caller of a bearer token; null: no principal has it. */
  byToken(token: string): Caller | null;
  /** The caller of a verified client certificate's common name; null: unknown. */
  byCertificate(commonName: string): Caller | null;
}

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** Compares hashes in constant time, so the time to refuse says nothing about a token. */
function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

interface Entry {
  readonly caller: Caller;
  readonly token_sha256: string | null;
  readonly cert_cn: string | null;
}

function principalsOf(entries: readonly Entry[]): Principals {
  return {
    byToken(token) {
      const hash = sha256Hex(token);
      // Every entry is compared, so the time does not say which one matched.
      let found: Caller | null = null;
      for (const e of entries)
        if (e.token_sha256 !== null && sameHash(e.token_sha256, hash)) found = e.caller;
      return found;
    },
    byCertificate(commonName) {
      return entries.find((e) => e.cert_cn !== null && e.cert_cn === commonName)?.caller ?? null;
    },
  };
}

const fail = (file: string, where: string, rule: string): never => {
  throw new Error(`${file}: ${where}: ${rule}`);
};

/**
 * Reads a credentials file: `{"principals": [{"identity": "alice", "role": "ml-engineer",
 * "token_sha256": "<64 hex>"}, {"identity": "drift-monitor", "role": "monitor", "cert_cn":
 * "drift-monitor"}]}`. Refuses, naming the entry and the rule, anything else.
 */
export function readCredentialsFile(file: string): Principals {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, 'HIRELEARN_CREDENTIALS', `cannot read it as JSON (${(error as Error).message})`);
  }
  const list = (parsed as { principals?: unknown })?.principals;
  if (!Array.isArray(list)) return fail(file, 'principals', 'must be an array');
  const seen = new Set<string>();
  const entries = list.map((raw: unknown, i): Entry => {
    const at = `principals[${i}]`;
    const p = (raw ?? {}) as Record<string, unknown>;
    if (typeof p.identity !== 'string' || p.identity.trim() === '')
      fail(file, `${at}.identity`, 'a non-empty string is required');
    if (!ROLES.includes(p.role as Role))
      fail(file, `${at}.role`, `must be one of ${ROLES.join(', ')} (got ${String(p.role)})`);
    const token = p.token_sha256 ?? null;
    const cn = p.cert_cn ?? null;
    if (token !== null && (typeof token !== 'string' || !/^[0-9a-f]{64}$/.test(token)))
      fail(file, `${at}.token_sha256`, 'must be 64 lowercase hex digits (sha256 of the token)');
    if (cn !== null && (typeof cn !== 'string' || cn === ''))
      fail(file, `${at}.cert_cn`, 'must be a non-empty string');
    if (token === null && cn === null)
      fail(file, at, 'give token_sha256 or cert_cn (how the principal is recognised)');
    for (const key of [token && `token ${token}`, cn && `cert_cn ${cn}`])
      if (key) {
        if (seen.has(key)) fail(file, at, `the same ${key.split(' ')[0]} as an earlier principal`);
        seen.add(key);
      }
    const caller: Caller = Object.freeze({
      identity: p.identity as string,
      role: p.role as Role,
      via: token !== null ? 'token' : 'certificate',
    });
    return { caller, token_sha256: token as string | null, cert_cn: cn as string | null };
  });
  return principalsOf(entries);
}

/**
 * The token of a file that only its owner may read, or a new random one written there (mode
 * 0600, created exclusively so services starting together share one). A file others can read
 * or that another user owns is refused: its token would not prove who holds it.
 */
export function readOrCreateLocalToken(file: string): string {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
    writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if ((st.mode & 0o077) !== 0)
      throw new Error(
        `${file}: the local token file is readable by others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it or delete it`,
      );
    if (typeof process.getuid === 'function' && st.uid !== process.getuid())
      throw new Error(`${file}: the local token file belongs to another user; delete it`);
    const token = readFileSync(fd, 'utf8').trim();
    if (token.length < 32) throw new Error(`${file}: the local token is too short; delete it`);
    return token;
  } finally {
    closeSync(fd);
  }
}

/** The principals of a loopback server without a credentials file: the local token's holder, as admin. */
export function localTokenPrincipals(token: string): Principals {
  const caller: Caller = Object.freeze({
    identity: `local:${userInfo().username}`,
    role: 'admin',
    via: 'local-token',
  });
  return principalsOf([{ caller, token_sha256: sha256Hex(token), cert_cn: null }]);
}
