/**
 * The security settings of servers and clients, in the shape of every service's settings: from
 * the variables the app read once through libs/env (`serverSecurityVariables(env)`,
 * `clientSecurityVariables(env)`: this lib reads no environment) and the command-line options,
 * which win. Defaults, resolved paths and the pair checks are here; the files are read when a
 * server starts or a client is made.
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

const path = (v: string | null | undefined): string | null => (v ? resolve(v) : null);

/**
 * A server's settings: `variables` as read from HIRELEARN_TLS_CERT, HIRELEARN_TLS_KEY,
 * HIRELEARN_TLS_CLIENT_CA, HIRELEARN_CREDENTIALS, HIRELEARN_TOKEN_FILE and HIRELEARN_INSECURE,
 * `overrides` (command-line options) winning field by field.
 */
export function serverSecuritySettings(
  variables: Partial<ServerSecuritySettings> = {},
  overrides: Partial<ServerSecuritySettings> = {},
): ServerSecuritySettings {
  const s = {
    tlsCertFile: path(overrides.tlsCertFile ?? variables.tlsCertFile),
    tlsKeyFile: path(overrides.tlsKeyFile ?? variables.tlsKeyFile),
    tlsClientCaFile: path(overrides.tlsClientCaFile ?? variables.tlsClientCaFile),
    credentialsFile: path(overrides.credentialsFile ?? variables.credentialsFile),
    tokenFile: resolve(overrides.tokenFile ?? variables.tokenFile ?? DEFAULT_TOKEN_FILE),
    insecure: overrides.insecure ?? variables.insecure ?? false,
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

/**
 * A client's settings: `variables` as read from HIRELEARN_TLS, HIRELEARN_TLS_CA,
 * HIRELEARN_TLS_CLIENT_CERT, HIRELEARN_TLS_CLIENT_KEY, HIRELEARN_TOKEN, HIRELEARN_TOKEN_FILE and
 * HIRELEARN_INSECURE, `overrides` (command-line options) winning field by field.
 */
export function clientSecuritySettings(
  variables: Partial<ClientSecuritySettings> = {},
  overrides: Partial<ClientSecuritySettings> = {},
): ClientSecuritySettings {
  const caFile = path(overrides.tlsCaFile ?? variables.tlsCaFile);
  const named = overrides.tokenFile !== undefined ? overrides.tokenFile : variables.tokenFile;
  const s = {
    tls: overrides.tls ?? (caFile !== null || (variables.tls ?? false)),
    tlsCaFile: caFile,
    tlsClientCertFile: path(overrides.tlsClientCertFile ?? variables.tlsClientCertFile),
    tlsClientKeyFile: path(overrides.tlsClientKeyFile ?? variables.tlsClientKeyFile),
    token: overrides.token !== undefined ? overrides.token : (variables.token ?? null),
    tokenFile: named === null ? null : resolve(named ?? DEFAULT_TOKEN_FILE),
    tokenFileNamed: overrides.tokenFileNamed ?? typeof named === 'string',
    insecure: overrides.insecure ?? variables.insecure ?? false,
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
