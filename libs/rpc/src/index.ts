/**
 * The gRPC runtime of hirelearn's services, around the generated contracts of
 * `@hirelearn/proto`: the one error hierarchy and its mapping to gRPC status codes, the one way
 * a server starts (health, reflection, authentication and the access table included) and a
 * service app runs, the clients' connection, calls and reconnecting streams, and the security
 * settings of both sides.
 */

// The error hierarchy of the services and its one mapping to gRPC status codes.
export {
  ConflictError,
  FailedPreconditionError,
  HirelearnError,
  IntegrityError,
  InvalidArgumentError,
  NotFoundError,
  UnavailableError,
  type ErrorCode,
} from './errors';
export { fromGrpcError, isServiceError, toGrpcError } from './grpc-status';
export { callerDetails, DEFAULT_ERROR_DETAILS, type ErrorDetailsSettings } from './error-details';

// Servers: start, bind unary handlers, keep streams, run as an app.
export {
  startGrpcServer,
  unary,
  type GrpcServerOptions,
  type RunningService,
  type ServiceBinding,
} from './grpc-server';
export { OpenStreams } from './open-streams';
export { runService, serveUntilInterrupted, type StartedService } from './run-service';

// Clients: the connection, deadline calls and the reconnecting watch of a generated client.
export { clientConnection } from './security/client';
export { ServiceClient, type GeneratedClient, type ServiceClientOptions } from './service-client';
export { unaryCall, type UnaryMethod } from './unary-call';

// Security: the settings of both sides, the caller of a call and its role.
export {
  clientSecuritySettings,
  serverSecuritySettings,
  type ClientSecuritySettings,
  type ServerSecuritySettings,
} from './security/settings';
export { actorOf } from './security/server';
export type { Caller } from './security/credentials';
export type { Role } from './security/access';
