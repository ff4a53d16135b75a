/**
 * NSGA-II (Deb, Pratap, Agarwal & Meyarivan, IEEE TEC 6(2), 2002): elitist (mu + lambda)
 * survival over the union of parents and children by non-dominated rank, ties in the last
 * front broken by crowding distance; parents chosen by binary tournament on the crowded
 * comparison; children by SBX and polynomial mutation. Seeded: the same seed gives the
 * same front.
 */
import { createRng, type Rng } from '@hirelearn/stats';
import {
  checkProblem,
  evaluateIndividual,
  toSolution,
  violatedConstraints,
  fmt,
  type Box,
  type Individual,
} from './evaluation';
import { binaryTournament, polynomialMutation, sbx } from './operators';
import { MooInputError, type MooProblem, type Solution } from './problem';
import { defaultNsga2Settings, type Nsga2Settings } from './settings';
import { crowdingDistance, fastNonDominatedSort } from './sort';

export interface Nsga2Options extends Partial<Nsga2Settings> {
  /** Required: every run is reproducible. */
  readonly seed: number | string;
}

export type MooStatus = 'ok' | 'infeasible';

export interface Nsga2Result {
  readonly status: MooStatus;
  /** '' when ok; otherwise which bound or constraint cannot be met. */
  readonly reason: string;
  /** Feasible non-dominated solutions of the final population, by first objective. */
  readonly front: readonly Solution[];
  /** When infeasible: the solution nearest feasibility found (null when none was evaluated). */
  readonly closest: Solution | null;
  readonly evaluations: number;
  readonly generations: number;
  readonly settings: Nsga2Settings;
}

/** Runs NSGA-II on `problem`. Data problems (no feasible plan) are a status, not a throw. */
export function nsga2(problem: MooProblem, options: Nsga2Options): Nsga2Result {
  const settings = resolveSettings(options);
  const box = checkProblem(problem);
  if (box.empty !== null) {
    return result(problem, settings, 'infeasible', `no feasible solution: ${box.empty}`, [], 0, 0);
  }
  const rng = createRng(options.seed);
  const n = settings.population_size;
  const pm = settings.mutation_probability ?? 1 / box.lower.length;

  let pop: Individual[] = [];
  for (let i = 0; i < n; i++) pop.push(evaluateIndividual(problem, randomPoint(rng, box)));
  let evaluations = n;
  let { rank, crowding } = rankAndCrowd(pop, fastNonDominatedSort(pop));

  for (let gen = 0; gen < settings.generations; gen++) {
    const children: Individual[] = [];
    while (children.length < n) {
      const c1 = Float64Array.from(pop[binaryTournament(rng, rank, crowding)].x);
      const c2 = Float64Array.from(pop[binaryTournament(rng, rank, crowding)].x);
      if (rng.uniform() <= settings.crossover_probability) {
        sbx(
          rng,
          c1,
          c2,
          box.lower,
          box.upper,
          settings.eta_c,
          settings.crossover_variable_probability,
        );
      }
      polynomialMutation(rng, c1, box.lower, box.upper, settings.eta_m, pm);
      polynomialMutation(rng, c2, box.lower, box.upper, settings.eta_m, pm);
      children.push(evaluateIndividual(problem, c1), evaluateIndividual(problem, c2));
    }
    evaluations += n;
    ({ pop, rank, crowding } = survive(pop.concat(children), n));
  }

  const feasible = pop.filter((ind, i) => rank[i] === 0 && ind.violation === 0);
  if (feasible.length === 0) {
    const closest = pop.reduce((a, b) => (b.violation < a.violation ? b : a));
    const broken = violatedConstraints(problem, Array.from(closest.x)).join('; ');
    const reason = `no feasible solution in ${evaluations} evaluations; the nearest violates ${broken} (total violation ${fmt(closest.violation)})`;
    return result(
      problem,
      settings,
      'infeasible',
      reason,
      [],
      evaluations,
      settings.generations,
      closest,
    );
  }
  return result(problem, settings, 'ok', '', feasible, evaluations, settings.generations);
}

function resolveSettings(options: Nsga2Options): Nsga2Settings {
  const { seed: _seed, ...rest } = options;
  const s: Nsga2Settings = { ...defaultNsga2Settings, ...rest };
  if (
    !Number.isInteger(s.population_size) ||
    s.population_size < 4 ||
    s.population_size % 2 !== 0
  ) {
    throw new MooInputError(
      `population_size: must be an even integer >= 4, got ${s.population_size}`,
    );
  }
  if (!Number.isInteger(s.generations) || s.generations < 0) {
    throw new MooInputError(`generations: must be a non-negative integer, got ${s.generations}`);
  }
  for (const key of ['crossover_probability', 'crossover_variable_probability'] as const) {
    if (!(s[key] >= 0 && s[key] <= 1))
      throw new MooInputError(`${key}: must be in [0, 1], got ${s[key]}`);
  }
  if (
    s.mutation_probability !== null &&
    !(s.mutation_probability >= 0 && s.mutation_probability <= 1)
  ) {
    throw new MooInputError(
      `mutation_probability: must be in [0, 1] or null, got ${s.mutation_probability}`,
    );
  }
  for (const key of ['eta_c', 'eta_m'] as const) {
    if (!(s[key] >= 0 && Number.isFinite(s[key])))
      throw new MooInputError(`${key}: must be a finite number >= 0, got ${s[key]}`);
  }
  return Object.freeze(s);
}

export function randomPoint(rng: Rng, box: Box): Float64Array {
  const x = new Float64Array(box.lower.length);
  for (let i = 0; i < x.length; i++)
    x[i] = box.lower[i] + rng.uniform() * (box.upper[i] - box.lower[i]);
  return x;
}

function rankAndCrowd(
  pop: readonly Individual[],
  fronts: readonly number[][],
): { rank: Int32Array; crowding: Float64Array } {
  const rank = new Int32Array(pop.length);
  const crowding = new Float64Array(pop.length);
  fronts.forEach((front, r) => {
    const d = crowdingDistance(pop, front);
    front.forEach((idx, k) => {
      rank[idx] = r;
      crowding[idx] = d[k];
    });
  });
  return { rank, crowding };
}

/** Elitist survival: whole fronts while they fit, then the most crowding-distant of the next. */
function survive(
  union: readonly Individual[],
  n: number,
): { pop: Individual[]; rank: Int32Array; crowding: Float64Array } {
  const pop: Individual[] = [];
  const rank = new Int32Array(n);
  const crowding = new Float64Array(n);
  const fronts = fastNonDominatedSort(union);
  for (let r = 0; r < fronts.length && pop.length < n; r++) {
    const front = fronts[r];
    const d = crowdingDistance(union, front);
    let order = front.map((_, k) => k);
    if (pop.length + front.length > n) {
      order = order.sort((a, b) => d[b] - d[a]).slice(0, n - pop.length);
    }
    for (const k of order) {
      rank[pop.length] = r;
      crowding[pop.length] = d[k];
      pop.push(union[front[k]]);
    }
  }
  return { pop, rank, crowding };
}

function result(
  problem: MooProblem,
  settings: Nsga2Settings,
  status: MooStatus,
  reason: string,
  front: readonly Individual[],
  evaluations: number,
  generations: number,
  closest: Individual | null = null,
): Nsga2Result {
  const solutions = front
    .map((ind) => toSolution(problem, ind))
    .sort((a, b) => a.objectives[0] - b.objectives[0]);
  return Object.freeze({
    status,
    reason,
    front: Object.freeze(solutions),
    closest: closest === null ? null : toSolution(problem, closest),
    evaluations,
    generations,
    settings,
  });
}
