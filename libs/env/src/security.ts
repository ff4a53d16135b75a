import { z } from 'zod';
import { readSetting } from './settings';

// The TLS, credential and token variables of the gRPC servers and clients, one schema each.
// They are returned by the field of the security settings each one sets (libs/rpc's
// `serverSecuritySettings(variables, overrides)` and `clientSecuritySettings`), which default
// what is unset, resolve the paths and check the pairs.

/** A boolean variable: 1, true, yes or 0, false, no (any case). */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['1', 'true', 'yes', '0', 'false', 'no'], { error: 'is not a boolean (1 or 0)' }))
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** A file's path or a token: any text; unset or empty is absent. */
const text = z.string();

/** `variable` through the boolean schema; unset or empty is false. */
function booleanSetting(env: NodeJS.ProcessEnv, variable: string): boolean {
  return readSetting(env, variable, flag, false);
}

const optional = (env: NodeJS.ProcessEnv, variable: string): string | undefined =>
  readSetting<string | undefined>(env, variable, text, undefined);

/** What a server's security variables set; an unset variable leaves its field out. */
export interface ServerSecurityVariables {
  /** HIRELEARN_TLS_CERT: PEM certificate chain of the server. */
  readonly tlsCertFile?: string;
  /** HIRELEARN_TLS_KEY: its private key. */
  readonly tlsKeyFile?: string;
  /** HIRELEARN_TLS_CLIENT_CA: PEM CA of client certificates (mutual TLS). */
  readonly tlsClientCaFile?: string;
  /** HIRELEARN_CREDENTIALS: the principals' file. */
  readonly credentialsFile?: string;
  /** HIRELEARN_TOKEN_FILE: the local token's file. */
  readonly tokenFile?: string;
  /** HIRELEARN_INSECURE: accept listening beyond loopback without TLS. */
  readonly insecure: boolean;
}

/** What a client's security variables set; an unset variable leaves its field out. */
export interface ClientSecurityVariables {
  /** HIRELEARN_TLS: TLS to the server (a CA file implies it). */
  readonly tls: boolean;
  /** HIRELEARN_TLS_CA: PEM CA that signed the servers' certificates. */
  readonly tlsCaFile?: string;
  /** HIRELEARN_TLS_CLIENT_CERT and HIRELEARN_TLS_CLIENT_KEY: the client's certificate and key. */
  readonly tlsClientCertFile?: string;
  readonly tlsClientKeyFile?: string;
  /** HIRELEARN_TOKEN: a bearer token. */
  readonly token?: string;
  /** HIRELEARN_TOKEN_FILE: the file holding the token. */
  readonly tokenFile?: string;
  /** HIRELEARN_INSECURE: send a token in plaintext beyond loopback. */
  readonly insecure: boolean;
}

/**
 * HIRELEARN_TLS_CERT, HIRELEARN_TLS_KEY, HIRELEARN_TLS_CLIENT_CA, HIRELEARN_CREDENTIALS,
 * HIRELEARN_TOKEN_FILE and HIRELEARN_INSECURE; a refused value throws a SettingError naming the
 * variable (`HIRELEARN_INSECURE: maybe is not a boolean (1 or 0)`).
 */
export function serverSecurityVariables(env: NodeJS.ProcessEnv): ServerSecurityVariables {
  return Object.freeze({
    tlsCertFile: optional(env, 'HIRELEARN_TLS_CERT'),
    tlsKeyFile: optional(env, 'HIRELEARN_TLS_KEY'),
    tlsClientCaFile: optional(env, 'HIRELEARN_TLS_CLIENT_CA'),
    credentialsFile: optional(env, 'HIRELEARN_CREDENTIALS'),
    tokenFile: optional(env, 'HIRELEARN_TOKEN_FILE'),
    insecure: booleanSetting(env, 'HIRELEARN_INSECURE'),
  });
}

/**
 * HIRELEARN_TLS, HIRELEARN_TLS_CA, HIRELEARN_TLS_CLIENT_CERT, HIRELEARN_TLS_CLIENT_KEY,
 * HIRELEARN_TOKEN, HIRELEARN_TOKEN_FILE and HIRELEARN_INSECURE; a refused value throws a
 * SettingError naming the variable.
 */
export function clientSecurityVariables(env: NodeJS.ProcessEnv): ClientSecurityVariables {
  return Object.freeze({
    tls: booleanSetting(env, 'HIRELEARN_TLS'),
    tlsCaFile: optional(env, 'HIRELEARN_TLS_CA'),
    tlsClientCertFile: optional(env, 'HIRELEARN_TLS_CLIENT_CERT'),
    tlsClientKeyFile: optional(env, 'HIRELEARN_TLS_CLIENT_KEY'),
    token: optional(env, 'HIRELEARN_TOKEN'),
    tokenFile: optional(env, 'HIRELEARN_TOKEN_FILE'),
    insecure: booleanSetting(env, 'HIRELEARN_INSECURE'),
  });
}
