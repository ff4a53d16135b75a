import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import {
  ConflictError,
  FailedPreconditionError,
  HirelearnError,
  IntegrityError,
  InvalidArgumentError,
  NotFoundError,
  UnavailableError,
  type ErrorCode,
} from './errors';
import { callerDetails } from './error-details';

/** The single mapping between our error codes and gRPC status codes. */
const STATUS_OF: Readonly<Record<ErrorCode, status>> = Object.freeze({
  invalid_argument: status.INVALID_ARGUMENT,
  not_found: status.NOT_FOUND,
  already_exists: status.ALREADY_EXISTS,
  failed_precondition: status.FAILED_PRECONDITION,
  aborted: status.ABORTED,
  data_loss: status.DATA_LOSS,
  unavailable: status.UNAVAILABLE,
  unauthenticated: status.UNAUTHENTICATED,
  permission_denied: status.PERMISSION_DENIED,
  internal: status.INTERNAL,
});

/**
 * The status a server sends for an error; anything not a HirelearnError is INTERNAL, sent
 * with a generic message and an id (the detail goes to the log: `error-details.ts`).
 */
export function toGrpcError(error: unknown): Partial<ServiceError> {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = e instanceof HirelearnError ? STATUS_OF[e.code] : status.INTERNAL;
  const metadata = new Metadata();
  metadata.set('hirelearn-error', e.name);
  return { code, details: callerDetails(e, code === status.INTERNAL), metadata };
}

/**
 * The HirelearnError a client raises for a failed call, so callers catch the same classes
 * in-process and over gRPC. A transport failure (UNAVAILABLE, DEADLINE_EXCEEDED) is an
 * UnavailableError.
 */
export function fromGrpcError(error: ServiceError): HirelearnError {
  const message = error.details || error.message;
  switch (error.code) {
    case status.INVALID_ARGUMENT:
      return new InvalidArgumentError(message);
    case status.NOT_FOUND:
      return new NotFoundError(message);
    case status.ALREADY_EXISTS:
      return new HirelearnError('already_exists', message);
    case status.FAILED_PRECONDITION:
      return new FailedPreconditionError(message);
    case status.ABORTED:
      return new ConflictError(message);
    case status.DATA_LOSS:
      return new IntegrityError(message);
    case status.UNAVAILABLE:
    case status.DEADLINE_EXCEEDED:
      return new UnavailableError(message);
    case status.UNAUTHENTICATED:
      return new HirelearnError('unauthenticated', message);
    case status.PERMISSION_DENIED:
      return new HirelearnError('permission_denied', message);
    default:
      return new HirelearnError('internal', message);
  }
}

/** Whether a value is a gRPC call error (it has a numeric status code). */
export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';
}
