/**
 * Reason codes of temporal results. A series too short for what was asked gets a result
 * with one of these and a sentence, never a fabricated component.
 */
export type TemporalStatus =
  | 'ok'
  | 'empty_input'
  | 'non_finite_input'
  | 'too_short_for_season'
  | 'too_short_for_segment'
  | 'too_short_for_evaluation'
  | 'constant_series';

/** Base of every temporal result; `reason` is '' when status is 'ok'. */
export interface TemporalStatusFields {
  readonly status: TemporalStatus;
  readonly reason: string;
}
