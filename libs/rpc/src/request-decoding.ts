import type { ServiceDefinition } from '@grpc/grpc-js';
import { InvalidArgumentError } from './errors';

/** Marks a request whose bytes did not decode; `unary` turns it into INVALID_ARGUMENT. */
const UNDECODABLE = Symbol('undecodable request');

interface Undecodable {
  readonly [UNDECODABLE]: Error;
}

/**
 * The service with each unary method's request decoder made total: grpc-js answers a decoder
 * that throws with INTERNAL, though the fault is the caller's (e.g. an int64 such as a
 * ModelInfer tensor shape above 2^53 - 1, which ts-proto's `forceLong=number` refuses), so
 * the failure is carried to the handler instead, and `unary` answers INVALID_ARGUMENT.
 */
export function withTotalDecoders(definition: ServiceDefinition): ServiceDefinition {
  const out: Record<string, ServiceDefinition[string]> = {};
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream) {
      out[name] = method;
      continue;
    }
    const decode = method.requestDeserialize;
    out[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch (error) {
          const undecodable: Undecodable = {
            [UNDECODABLE]: error instanceof Error ? error : new Error(String(error)),
          };
          return undecodable;
        }
      },
    };
  }
  return out as ServiceDefinition;
}

/** Throws InvalidArgumentError when `request` is the mark of bytes that did not decode. */
export function checkDecoded(request: unknown): void {
  if (typeof request !== 'object' || request === null || !(UNDECODABLE in request)) return;
  const why = (request as Undecodable)[UNDECODABLE].message;
  const hint = /MAX_SAFE_INTEGER|MIN_SAFE_INTEGER/.test(why)
    ? ': a 64-bit integer field (e.g. a tensor shape) is beyond ±(2^53 - 1), the largest served here'
    : `: ${why}`;
  throw new InvalidArgumentError(`request: not a valid message${hint}`);
}
