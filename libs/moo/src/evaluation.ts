/**
 * Bridges a `MooProblem` (objectives in their own sense, named constraints) and the
 * minimising core: checks the problem once, evaluates with the output checked, and turns
 * internal individuals back into `Solution`s.
 */
import { MooInputError, type MooProblem, type Solution } from './problem';
import type { Ranked } from './sort';

export interface Individual extends Ranked {
  readonly x: Float64Array;
}

/** Variable bounds as typed arrays, plus the first variable whose box is empty (or null). */
export interface Box {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly empty: string | null;
}

/** Throws MooInputError for a problem that is not well defined; returns its box. */
export function checkProblem(problem: MooProblem): Box {
  if (problem.variables.length === 0)
    throw new MooInputError('variables: at least one is required');
  if (problem.objectives.length < 2) {
    throw new MooInputError(
      `objectives: at least two are required, got ${problem.objectives.length}`,
    );
  }
  const lower = new Float64Array(problem.variables.length);
  const upper = new Float64Array(problem.variables.length);
  let empty: string | null = null;
  problem.variables.forEach((v, i) => {
    if (!Number.isFinite(v.lower) || !Number.isFinite(v.upper)) {
      throw new MooInputError(`variables[${i}] '${v.name}': lower and upper must be finite`);
    }
    lower[i] = v.lower;
    upper[i] = v.upper;
    if (empty === null && v.lower > v.upper) {
      empty = `variable '${v.name}' has no allowed value: lower ${v.lower} > upper ${v.upper}`;
    }
  });
  return { lower, upper, empty };
}

/** Evaluates x: minimised objective vector and total constraint violation. */
export function evaluateIndividual(problem: MooProblem, x: Float64Array): Individual {
  const args = Array.from(x);
  const values = problem.evaluate(args);
  const m = problem.objectives.length;
  if (values.length !== m) {
    throw new MooInputError(`evaluate: returned ${values.length} values, expected ${m}`);
  }
  const f = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) {
      throw new MooInputError(
        `evaluate: objective '${problem.objectives[k].name}' is ${v} at x = [${args.join(', ')}]`,
      );
    }
    f[k] = problem.objectives[k].sense === 'max' ? -v : v;
  }
  return { x, f, violation: totalViolation(problem, args) };
}

function totalViolation(problem: MooProblem, x: readonly number[]): number {
  if (!problem.constraints) return 0;
  let sum = 0;
  for (const g of problem.constraints(x)) {
    if (Number.isNaN(g)) throw new MooInputError('constraints: a constraint value is NaN');
    if (g > 0) sum += g;
  }
  return sum;
}

/** Names of the constraints x violates, in the problem's order. */
export function violatedConstraints(problem: MooProblem, x: readonly number[]): string[] {
  if (!problem.constraints) return [];
  return problem
    .constraints(x)
    .flatMap((g, j) => (g > 0 ? [`${problem.constraint_names?.[j] ?? `g${j}`} by ${fmt(g)}`] : []));
}

export function toSolution(problem: MooProblem, ind: Individual): Solution {
  return Object.freeze({
    x: Object.freeze(Array.from(ind.x)),
    objectives: Object.freeze(
      Array.from(ind.f, (v, k) => (problem.objectives[k].sense === 'max' ? -v : v)),
    ),
    violation: ind.violation,
  });
}

/** Three significant digits, no exponent for everyday magnitudes. */
export function fmt(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
