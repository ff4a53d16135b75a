/**
 * The security every hirelearn server starts with (through `startGrpcServer`): TLS or mutual
 * TLS from the settings' files, the refusal to listen beyond loopback in plaintext unless told
 * to, and one server interceptor that authenticates each call, checks its role against
 * `access.ts` and hands the caller to the handler, so every service is guarded the same way.
 */
import {
  Metadata,
  ResponderBuilder,
  ServerCredentials,
  ServerInterceptingCall,
  ServerListenerBuilder,
  status,
  type ServerInterceptingCallInterface,
  type ServerInterceptor,
} from '@grpc/grpc-js';
import { HirelearnError } from '../errors';
import { accessOf, roleMay } from './access';
import { readPem } from './pem';
import {
  localTokenPrincipals,
  readCredentialsFile,
  readOrCreateLocalToken,
  type Caller,
  type Principals,
} from './credentials';
import type { ServerSecuritySettings } from './settings';

/** Whether a bind address reaches only this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The caller the interceptor authenticated, by the call's metadata object. */
const callers = new WeakMap<Metadata, Caller>();

/** The authenticated caller of a call (null: anonymous, allowed only for reads on loopback). */
export function callerOf(metadata: Metadata): Caller | null {
  return callers.get(metadata) ?? null;
}

/** TLS (mutual when a client CA is set) from the settings' files, else plaintext. */
function serverCredentials(s: ServerSecuritySettings): ServerCredentials {
  if (s.tlsCertFile === null || s.tlsKeyFile === null) return ServerCredentials.createInsecure();
  const clientCa = s.tlsClientCaFile ? readPem(s.tlsClientCaFile, 'HIRELEARN_TLS_CLIENT_CA') : null;
  return ServerCredentials.createSsl(
    clientCa,
    [
      {
        cert_chain: readPem(s.tlsCertFile, 'HIRELEARN_TLS_CERT'),
        private_key: readPem(s.tlsKeyFile, 'HIRELEARN_TLS_KEY'),
      },
    ],
    clientCa !== null,
  );
}

/** The bearer token of `authorization: Bearer <token>`; undefined: none sent; null: malformed. */
function bearerOf(metadata: Metadata): string | null | undefined {
  const values = metadata.get('authorization');
  if (values.length === 0) return undefined;
  const m = /^Bearer ([^\s]+)$/i.exec(String(values[0]).trim());
  return values.length === 1 && m ? m[1] : null;
}

type Verdict = { caller: Caller | null } | { code: status; details: string };

/**
 * Who calls `path` and whether they may. A read on loopback is served whatever credentials
 * come with it (anonymous reads are open there anyway, and a client may hold the local token
 * of another server on the machine); anything else needs credentials the server knows.
 */
function authorize(
  path: string,
  metadata: Metadata,
  call: ServerInterceptingCallInterface,
  principals: Principals,
  loopback: boolean,
): Verdict {
  const access = accessOf(path);
  const openRead = access === 'read' && loopback;
  const bearer = bearerOf(metadata);
  let caller: Caller | null = null;
  if (bearer === null)
    return openRead
      ? { caller: null }
      : {
          code: status.UNAUTHENTICATED,
          details: 'authorization: expected one "Bearer <token>" header',
        };
  if (bearer !== undefined) {
    caller = principals.byToken(bearer);
    if (caller === null && !openRead)
      return {
        code: status.UNAUTHENTICATED,
        details:
          'authorization: the token is not known (the local token of .hirelearn/token is known only to servers started without HIRELEARN_CREDENTIALS)',
      };
  } else {
    const cn = call.getAuthContext()?.sslPeerCertificate?.subject?.CN;
    if (typeof cn === 'string') caller = principals.byCertificate(cn);
  }
  if (caller === null) {
    if (openRead) return { caller: null };
    return {
      code: status.UNAUTHENTICATED,
      details: `${path} needs credentials: send "authorization: Bearer <token>" (HIRELEARN_TOKEN or --token-file) or a client certificate the server knows`,
    };
  }
  if (!roleMay(caller.role, access))
    return {
      code: status.PERMISSION_DENIED,
      details: `${caller.identity} (role ${caller.role}) may not call ${path}; allowed: ${['admin', ...(access === 'read' ? [] : access)].join(', ')}`,
    };
  return { caller };
}

function interceptorFor(principals: Principals, loopback: boolean): ServerInterceptor {
  return (method, call) => {
    const listener = new ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        const verdict = authorize(method.path, metadata, call, principals, loopback);
        if ('code' in verdict) {
          call.sendStatus({
            code: verdict.code,
            details: verdict.details,
            metadata: new Metadata(),
          });
          return;
        }
        if (verdict.caller !== null) callers.set(metadata, verdict.caller);
        next(metadata);
      })
      .build();
    return new ServerInterceptingCall(
      call,
      new ResponderBuilder().withStart((next) => next(listener)).build(),
    );
  };
}

export interface ServerSecurity {
  readonly credentials: ServerCredentials;
  readonly interceptor: ServerInterceptor;
}

/**
 * What a server on `host` listens with. Refuses to start beyond loopback without TLS (unless
 * `insecure`, warned about on stderr) or without a credentials file; without one on loopback,
 * the local token (created if missing) is the one credential, with the admin role.
 */
export function serverSecurity(s: ServerSecuritySettings, host: string): ServerSecurity {
  const loopback = isLoopback(host);
  const tls = s.tlsCertFile !== null;
  if (!loopback && !tls) {
    if (!s.insecure)
      throw new Error(
        `refusing to listen on ${host} (beyond loopback) without TLS: set HIRELEARN_TLS_CERT and HIRELEARN_TLS_KEY (--tls-cert, --tls-key), or HIRELEARN_INSECURE=1 (--insecure) to accept plaintext`,
      );
    process.stderr.write(
      `\n*** WARNING: listening on ${host} WITHOUT TLS (insecure mode). Tokens and data cross the network in plaintext; anyone on the path can read and replay them. ***\n\n`,
    );
  }
  if (!loopback && s.credentialsFile === null)
    throw new Error(
      `refusing to listen on ${host} (beyond loopback) without HIRELEARN_CREDENTIALS (--credentials): the file of who may call what`,
    );
  const principals =
    s.credentialsFile !== null
      ? readCredentialsFile(s.credentialsFile)
      : localTokenPrincipals(readOrCreateLocalToken(s.tokenFile));
  return { credentials: serverCredentials(s), interceptor: interceptorFor(principals, loopback) };
}

/**
 * The identity recorded as the actor of a change: always the authenticated caller, never a
 * request field. Changes reach a handler only authenticated, so null is a table error.
 */
export function actorOf(caller: Caller | null): string {
  if (caller === null)
    throw new HirelearnError('internal', 'a change arrived without an authenticated caller');
  return caller.identity;
}
