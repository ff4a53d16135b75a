/**
 * The problem NSGA-II optimises: bounded real variables, named objectives each minimised or
 * maximised, and optional inequality constraints (g(x) <= 0 is satisfied).
 */
export type Sense = 'min' | 'max';

export interface Objective {
  readonly name: string;
  readonly sense: Sense;
  /** Unit printed after values in the trade-off text and the chart ('' for none). */
  readonly unit?: string;
}

export interface Variable {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
}

export interface MooProblem {
  readonly variables: readonly Variable[];
  readonly objectives: readonly Objective[];
  /** Objective values in each objective's own sense (maximised ones are not negated). */
  evaluate(x: readonly number[]): readonly number[];
  /** Names of the constraints, in the order `constraints` returns them. */
  readonly constraint_names?: readonly string[];
  /** g_j(x) for each constraint: satisfied when <= 0, its violation is max(0, g_j). */
  constraints?(x: readonly number[]): readonly number[];
}

/** One evaluated solution, values in each objective's own sense. */
export interface Solution {
  readonly x: readonly number[];
  readonly objectives: readonly number[];
  /** Sum of constraint violations; 0 when feasible. */
  readonly violation: number;
}

/** Thrown for programmer errors only (a problem that is not well defined). */
export class MooInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MooInputError';
  }
}
