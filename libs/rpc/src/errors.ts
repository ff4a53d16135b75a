/**
 * The one error hierarchy of hirelearn's services. Every error a service means to send to a
 * caller is a HirelearnError with a code; `grpc-status.ts` maps the codes to gRPC status
 * codes (and back on the client), so the mapping lives in exactly one place.
 */

/** What went wrong, in the vocabulary gRPC status codes share with HTTP APIs. */
export type ErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'already_exists'
  | 'failed_precondition'
  | 'aborted'
  | 'data_loss'
  | 'unavailable'
  | 'unauthenticated'
  | 'permission_denied'
  | 'internal';

export class HirelearnError extends Error {
  override readonly name: string = 'HirelearnError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A request field breaks a rule; the message names the field and the rule. */
export class InvalidArgumentError extends HirelearnError {
  override readonly name = 'InvalidArgumentError';
  constructor(message: string) {
    super('invalid_argument', message);
  }
}

export class NotFoundError extends HirelearnError {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super('not_found', message);
  }
}

/** The request is valid but the current state forbids it (e.g. archiving the production version). */
export class FailedPreconditionError extends HirelearnError {
  override readonly name = 'FailedPreconditionError';
  constructor(message: string) {
    super('failed_precondition', message);
  }
}

/** Another writer changed the same state first (a lost compare-and-set); read again and retry. */
export class ConflictError extends HirelearnError {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super('aborted', message);
  }
}

/** Stored bytes no longer match their content hash: refused rather than served. */
export class IntegrityError extends HirelearnError {
  override readonly name = 'IntegrityError';
  constructor(message: string) {
    super('data_loss', message);
  }
}

export class UnavailableError extends HirelearnError {
  override readonly name = 'UnavailableError';
  constructor(message: string) {
    super('unavailable', message);
  }
}
