import { Metadata, type CallOptions, type ServiceError } from '@grpc/grpc-js';
import { fromGrpcError, isServiceError } from './grpc-status';

/** A generated client's unary method, as it is called with metadata, options and a callback. */
export type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Res) => void,
) => unknown;

/**
 * Calls one unary method of a generated client with a deadline of `deadlineMs` from now, so
 * every typed client (registry, configuration channel) awaits its calls the same way: a
 * failed call rejects with the HirelearnError class of its gRPC status.
 */
export function unaryCall<Req, Res>(
  client: object,
  method: UnaryMethod<Req, Res>,
  request: Req,
  deadlineMs: number,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    method.call(
      client,
      request,
      new Metadata(),
      { deadline: Date.now() + deadlineMs },
      (error: ServiceError | null, response: Res) =>
        error ? reject(isServiceError(error) ? fromGrpcError(error) : error) : resolve(response),
    );
  });
}
