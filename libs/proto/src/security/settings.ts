/**
 * The security settings of servers and clients, read once from the environment (command-line
 * options win), in the shape of every service's settings. Paths are resolved here; the files
 * are read when a server starts or a client is made.
 */
import { resolve } from 'node:path';

/** Where a server listening on loopback without a credentials file keeps its local token. */
export const DEFAULT_TOKEN_FILE = './.hirelearn/token';

export interface ServerSecuritySettings {
  /** PEM certificate chain and private key of the server (HIRELEARN_TLS_CERT, HIRELEARN_TLS_KEY): TLS when set. */
  readonly tlsCertFile: string | null;
  readonly tlsKeyFile: string | null;
  /** PEM CA of client certificates (HIRELEARN_TLS_CLIENT_CA): mutual TLS, a client without a certificate it signed is refused. */
  readonly tlsClientCaFile: string | null;
  /** Principals: identity, role, token sha256 or certificate name (HIRELEARN_CREDENTIALS). */
  readonly credentialsFile: string | null;
  /** Without a credentials file, the local token's file (HIRELEARN_TOKEN_FILE). */
  readonly tokenFile: string;
  /** Accept listening beyond loopback without TLS (HIRELEARN_INSECURE=1); warned about on stderr. */
  readonly insecure: boolean;
}

export interface ClientSecuritySettings {
  /** TLS to the server (HIRELEARN_TLS=1, implied by a CA file); system roots unless a CA file is set. */
  readonly tls: boolean;
  /** PEM CA that signed the servers' certificates (HIRELEARN_TLS_CA). */
  readonly tlsCaFile: string | null;
  /** The client's certificate and key for mutual TLS (HIRELEARN_TLS_CLIENT_CERT, HIRELEARN_TLS_CLIENT_KEY). */
  readonly tlsClientCertFile: string | null;
  readonly tlsClientKeyFile: string | null;
  /** A bearer token (HIRELEARN_TOKEN); wins over the token file. */
  readonly token: string | null;
  /** The file holding the token (HIRELEARN_TOKEN_FILE, default the local token's); a missing default file or null: no token. */
  readonly tokenFile: string | null;
  /** Whether tokenFile was named (a named file that is missing is an error). */
  readonly tokenFileNamed: boolean;
  /** Send a token in plaintext beyond loopback (HIRELEARN_INSECURE=1). */
  readonly insecure: boolean;
}

/** A boolean variable: 1/true/yes or 0/false/no/empty; anything else is refused by name. */
export function flagOf(env: NodeJS.ProcessEnv, name: string): boolean {
  const v = (env[name] ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(v)) return true;
  if (['', '0', 'false', 'no'].includes(v)) return false;
  throw new RangeError(`${name}: '${env[name]}' is not a boolean (1 or 0)`);
}

const path = (v: string | null | undefined): string | null => (v ? resolve(v) : null);

/** Reads HIRELEARN_TLS_CERT, HIRELEARN_TLS_KEY, HIRELEARN_TLS_CLIENT_CA, HIRELEARN_CREDENTIALS, HIRELEARN_TOKEN_FILE and HIRELEARN_INSECURE. */
export function serverSecuritySettings(
  env: NodeJS.ProcessEnv,
  overrides: Partial<ServerSecuritySettings> = {},
): ServerSecuritySettings {
  const s = {
    tlsCertFile: path(overrides.tlsCertFile ?? env.HIRELEARN_TLS_CERT),
    tlsKeyFile: path(overrides.tlsKeyFile ?? env.HIRELEARN_TLS_KEY),
    tlsClientCaFile: path(overrides.tlsClientCaFile ?? env.HIRELEARN_TLS_CLIENT_CA),
    credentialsFile: path(overrides.credentialsFile ?? env.HIRELEARN_CREDENTIALS),
    tokenFile: resolve(overrides.tokenFile ?? env.HIRELEARN_TOKEN_FILE ?? DEFAULT_TOKEN_FILE),
    insecure: overrides.insecure ?? flagOf(env, 'HIRELEARN_INSECURE'),
  };
  if ((s.tlsCertFile === null) !== (s.tlsKeyFile === null))
    throw new RangeError(
      'HIRELEARN_TLS_CERT and HIRELEARN_TLS_KEY (--tls-cert, --tls-key): give both or neither',
    );
  if (s.tlsClientCaFile !== null && s.tlsCertFile === null)
    throw new RangeError(
      'HIRELEARN_TLS_CLIENT_CA (--tls-client-ca): mutual TLS needs the server certificate and key too',
    );
  return Object.freeze(s);
}

/** Reads HIRELEARN_TLS, HIRELEARN_TLS_CA, HIRELEARN_TLS_CLIENT_CERT, HIRELEARN_TLS_CLIENT_KEY, HIRELEARN_TOKEN, HIRELEARN_TOKEN_FILE and HIRELEARN_INSECURE. */
export function clientSecuritySettings(
  env: NodeJS.ProcessEnv,
  overrides: Partial<ClientSecuritySettings> = {},
): ClientSecuritySettings {
  const caFile = path(overrides.tlsCaFile ?? env.HIRELEARN_TLS_CA);
  const named = overrides.tokenFile !== undefined ? overrides.tokenFile : env.HIRELEARN_TOKEN_FILE;
  const s = {
    tls: overrides.tls ?? (caFile !== null || flagOf(env, 'HIRELEARN_TLS')),
    tlsCaFile: caFile,
    tlsClientCertFile: path(overrides.tlsClientCertFile ?? env.HIRELEARN_TLS_CLIENT_CERT),
    tlsClientKeyFile: path(overrides.tlsClientKeyFile ?? env.HIRELEARN_TLS_CLIENT_KEY),
    token: overrides.token !== undefined ? overrides.token : env.HIRELEARN_TOKEN || null,
    tokenFile: named === null ? null : resolve(named ?? DEFAULT_TOKEN_FILE),
    tokenFileNamed: overrides.tokenFileNamed ?? typeof named === 'string',
    insecure: overrides.insecure ?? flagOf(env, 'HIRELEARN_INSECURE'),
  };
  if ((s.tlsClientCertFile === null) !== (s.tlsClientKeyFile === null))
    throw new RangeError(
      'HIRELEARN_TLS_CLIENT_CERT and HIRELEARN_TLS_CLIENT_KEY: give both or neither',
    );
  if (s.tlsClientCertFile !== null && !s.tls)
    throw new RangeError(
      'HIRELEARN_TLS_CLIENT_CERT: a client certificate needs TLS (HIRELEARN_TLS_CA or HIRELEARN_TLS=1)',
    );
  return Object.freeze(s);
}
