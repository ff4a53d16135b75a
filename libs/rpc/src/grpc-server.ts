import {
  Server,
  type handleUnaryCall,
  type ServiceDefinition,
  type ServiceError,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { toGrpcError } from './grpc-status';
import type { Caller } from './security/credentials';
import { callerOf, serverSecurity } from './security/server';
import { serverSecuritySettings, type ServerSecuritySettings } from './security/settings';
import { checkDecoded, withTotalDecoders } from './request-decoding';
import { addStandardServices } from './standard-services';

/**
 * A unary handler from a function; any throw or rejection goes out as its gRPC status. The
 * function gets the caller the server authenticated (null: an anonymous read on loopback).
 */
export function unary<Req, Res>(
  fn: (request: Req, caller: Caller | null) => Res | Promise<Res>,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => {
        checkDecoded(call.request);
        return fn(call.request, callerOf(call.metadata));
      })
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(toGrpcError(error) as ServiceError, null),
      );
  };
}

export interface ServiceBinding {
  readonly service: ServiceDefinition;
  readonly implementation: UntypedServiceImplementation;
}

export interface RunningService {
  readonly port: number;
  /** `host:port` to give clients. */
  readonly address: string;
  shutdown(): Promise<void>;
}

export interface GrpcServerOptions {
  readonly host?: string;
  /** 0 (the default): any free port. */
  readonly port?: number;
  /** grpc-js channel options, e.g. message size limits. */
  readonly channelOptions?: Record<string, number>;
  /**
   * TLS, mutual TLS and credentials (default: loopback only, plaintext, the local token in
   * ./.hirelearn/token); every call is authenticated and authorized by `security/`.
   */
  readonly security?: ServerSecuritySettings;
  /** Runs once the server has stopped (a failure there does not fail the shutdown). */
  readonly onShutdown?: () => Promise<void> | void;
}

/** Serves the bindings on host:port; every hirelearn service starts through here. */
export async function startGrpcServer(
  bindings: readonly ServiceBinding[],
  options: GrpcServerOptions = {},
): Promise<RunningService> {
  const host = options.host ?? '127.0.0.1';
  const security = serverSecurity(options.security ?? serverSecuritySettings({}), host);
  const server = new Server({ ...options.channelOptions, interceptors: [security.interceptor] });
  for (const b of bindings) {
    server.addService(withTotalDecoders(b.service), b.implementation);
  }
  addStandardServices(
    server,
    bindings.map((b) => b.service),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port ?? 0}`, security.credentials, (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    port,
    address: `${host}:${port}`,
    shutdown: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => {
          Promise.resolve(options.onShutdown?.()).then(
            () => resolve(),
            () => resolve(),
          );
        });
      }),
  };
}
