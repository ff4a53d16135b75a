/**
 * The baseline NSGA-II is measured against: uniform random points in the box, as many
 * evaluations as the optimizer spent, keeping the feasible non-dominated ones.
 */
import { createRng } from '@hirelearn/stats';
import { checkProblem, evaluateIndividual, toSolution, type Individual } from './evaluation';
import { randomPoint } from './nsga2';
import type { MooProblem, Solution } from './problem';
import { dominates } from './sort';

export function randomSearch(
  problem: MooProblem,
  options: { readonly evaluations: number; readonly seed: number | string },
): readonly Solution[] {
  const box = checkProblem(problem);
  if (box.empty !== null) return [];
  const rng = createRng(options.seed);
  let archive: Individual[] = [];
  for (let i = 0; i < options.evaluations; i++) {
    const ind = evaluateIndividual(problem, randomPoint(rng, box));
    if (ind.violation > 0 || archive.some((a) => dominates(a.f, ind.f))) continue;
    archive = archive.filter((a) => !dominates(ind.f, a.f));
    archive.push(ind);
  }
  return archive
    .map((ind) => toSolution(problem, ind))
    .sort((a, b) => a.objectives[0] - b.objectives[0]);
}
