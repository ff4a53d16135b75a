/**
 * One published figure next to what the engine computes on the same data: the shape every
 * study in this folder returns, checked by its spec and printed by `report.ts`.
 */
export interface Reproduction {
  /** Fixture folder under libs/causal/fixtures. */
  readonly fixture: string;
  readonly figure: string;
  readonly estimate: number;
  readonly std_error: number;
  readonly published_estimate: number;
  readonly published_std_error: number;
  /** Largest |estimate − published_estimate| that counts as reproduced. */
  readonly tolerance: number;
  /** Where the published figure is printed. */
  readonly source: string;
}

/** True when the engine's estimate is within the tolerance of the published one. */
export const reproduced = (r: Reproduction): boolean =>
  Math.abs(r.estimate - r.published_estimate) <= r.tolerance;
