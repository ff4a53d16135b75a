/**
 * Shared result shapes. Every pure function returns either an `ok` result or a
 * `Degenerate` result carrying a reason code; degenerate input never throws.
 * Invalid *settings* (a programmer error, e.g. a negative bin count) throw RangeError.
 */

/** Why a computation could not produce a meaningful answer. */
export type DegenerateReason =
  | 'empty_input'
  | 'length_mismatch'
  | 'invalid_value'
  | 'single_class'
  | 'zero_variance'
  | 'insufficient_data';

export interface Degenerate {
  readonly status: 'degenerate';
  readonly reason: DegenerateReason;
  readonly message: string;
}

export function degenerate(reason: DegenerateReason, message: string): Degenerate {
  return { status: 'degenerate', reason, message };
}
