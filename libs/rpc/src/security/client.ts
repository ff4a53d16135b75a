/**
 * How every hirelearn client connects: TLS from the settings' CA (and client certificate for
 * mutual TLS), and the bearer token on every call. The token is refused rather than sent in
 * plaintext beyond loopback unless the insecure flag says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  credentials as grpcCredentials,
  InterceptingCall,
  type ChannelCredentials,
  type ClientOptions,
  type Interceptor,
} from '@grpc/grpc-js';
import { readPem } from './pem';
import { isLoopback } from './server';
import type { ClientSecuritySettings } from './settings';

/** The host of a gRPC target (`host:port`, `[v6]:port`, `dns:///host:port`); unix sockets count as loopback. */
export function targetHost(address: string): string {
  if (address.startsWith('unix:')) return 'localhost';
  const bare = address.replace(/^dns:\/{0,3}/, '').replace(/^ipv[46]:/, '');
  if (bare.startsWith('[')) return bare.slice(1, bare.indexOf(']'));
  const i = bare.lastIndexOf(':');
  return i < 0 ? bare : bare.slice(0, i);
}

/**
 * The token to send to `address`: HIRELEARN_TOKEN, else the named token file's, else the local
 * token of the default file, which is sent to loopback only: it is the admin token of the
 * servers started here and no business of a server elsewhere.
 */
export function clientToken(s: ClientSecuritySettings, address: string): string | null {
  if (s.token) return s.token;
  if (s.tokenFile === null) return null;
  if (!s.tokenFileNamed && (!isLoopback(targetHost(address)) || !existsSync(s.tokenFile)))
    return null;
  try {
    const token = readFileSync(s.tokenFile, 'utf8').trim();
    return token === '' ? null : token;
  } catch (error) {
    throw new Error(
      `HIRELEARN_TOKEN_FILE: cannot read ${s.tokenFile} (${(error as Error).message})`,
    );
  }
}

/** Adds `authorization: Bearer <token>` to every call of a client. */
function bearerInterceptor(token: string): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start: (metadata, listener, next) => {
        metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}

/** The credentials and options (merged into `options`) of a client of `address`. */
export function clientConnection(
  address: string,
  s: ClientSecuritySettings,
  options: ClientOptions = {},
): { credentials: ChannelCredentials; options: ClientOptions } {
  const token = clientToken(s, address);
  if (token !== null && !s.tls && !s.insecure && !isLoopback(targetHost(address)))
    throw new Error(
      `refusing to send a token in plaintext to ${address}: set HIRELEARN_TLS_CA (--tls-ca) for TLS, or HIRELEARN_INSECURE=1`,
    );
  const credentials = s.tls
    ? grpcCredentials.createSsl(
        s.tlsCaFile ? readPem(s.tlsCaFile, 'HIRELEARN_TLS_CA') : null,
        s.tlsClientKeyFile ? readPem(s.tlsClientKeyFile, 'HIRELEARN_TLS_CLIENT_KEY') : null,
        s.tlsClientCertFile ? readPem(s.tlsClientCertFile, 'HIRELEARN_TLS_CLIENT_CERT') : null,
      )
    : grpcCredentials.createInsecure();
  const interceptors = [
    ...(options.interceptors ?? []),
    ...(token ? [bearerInterceptor(token)] : []),
  ];
  return { credentials, options: { ...options, interceptors } };
}
