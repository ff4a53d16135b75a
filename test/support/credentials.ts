import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Role } from '@hirelearn/rpc';

/** A principal of a test's credentials file: a raw token (stored hashed) or a certificate name. */
export interface TestPrincipal {
  readonly identity: string;
  readonly role: Role;
  readonly token?: string;
  readonly cert_cn?: string;
}

/** Writes a credentials file as an operator would: only the sha256 of each token. */
export function writeCredentials(file: string, principals: readonly TestPrincipal[]): string {
  const entries = principals.map((p) => ({
    identity: p.identity,
    role: p.role,
    ...(p.token !== undefined && {
      token_sha256: createHash('sha256').update(p.token).digest('hex'),
    }),
    ...(p.cert_cn !== undefined && { cert_cn: p.cert_cn }),
  }));
  writeFileSync(file, JSON.stringify({ principals: entries }, null, 2));
  return file;
}
