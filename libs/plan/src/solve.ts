/**
 * The plan from its inputs: NSGA-II (libs/moo) over the week's decision variables, the
 * non-dominated plans, the knee as the recommendation and the trade-off in words. A week that
 * cannot hold a single application is `infeasible` with the reason, never an empty front.
 */
import { frontSvg, kneePoint, nsga2, type Objective, type Solution } from '@hirelearn/moo';
import { planProblem } from './problem';
import type { PlanSettings } from './settings';
import type { MultiObjectivePlan, PlanInputs, PlanOption } from './types';
import { describePlan, round1, tradeOffInWords } from './words';

/** Every plan of a user is reproducible: the seed is derived from the user id. */
export const planSeed = (userId: string): string => `plan:${userId}`;

function infeasible(
  inputs: PlanInputs,
  objectives: readonly Objective[],
  reason: string,
  evaluations: number,
): MultiObjectivePlan {
  return Object.freeze({
    status: 'infeasible',
    reason_code: 'no_feasible_plan',
    reason,
    user_id: inputs.user_id,
    basis: inputs.basis,
    inputs,
    objectives,
    front: Object.freeze([]),
    recommended: null,
    knee_distance: null,
    trade_off: '',
    evaluations,
    seed: planSeed(inputs.user_id),
  });
}

/** The cheapest application the plan can send: untailored, no lever that costs time. */
function hoursNeeded(s: PlanSettings): number {
  return s.min_applications_per_week * s.hours_per_application;
}

export function solvePlan(inputs: PlanInputs, s: PlanSettings): MultiObjectivePlan {
  const problem = planProblem(inputs, s);
  if (!(inputs.hours_per_week >= hoursNeeded(s))) {
    return infeasible(
      inputs,
      problem.objectives,
      `no feasible plan: ${round1(inputs.hours_per_week)} h a week cannot hold ${s.min_applications_per_week} application(s) a week, which take at least ${round1(hoursNeeded(s))} h (${s.hours_per_application} h each untailored); give more hours a week`,
      0,
    );
  }
  const run = nsga2(problem, {
    seed: planSeed(inputs.user_id),
    population_size: s.population_size,
    generations: s.generations,
  });
  if (run.status !== 'ok')
    return infeasible(inputs, problem.objectives, run.reason, run.evaluations);
  const byHours = [...run.front].sort((a, b) => a.objectives[1] - b.objectives[1]);
  const knee = kneePoint(byHours, problem.objectives)!;
  const front = byHours.map((sol) => problem.option(sol.x));
  const recommended = front[knee.index];
  const basisNote = inputs.basis === 'segment' ? ' (from your segment, not your own history)' : '';
  return Object.freeze({
    status: 'ok',
    reason_code: null,
    reason: '',
    user_id: inputs.user_id,
    basis: inputs.basis,
    inputs,
    objectives: problem.objectives,
    front: Object.freeze(front),
    recommended,
    knee_distance: knee.distance,
    trade_off: `Recommended${basisNote}: ${describePlan(recommended, inputs.levers)}. ${tradeOffInWords(front, recommended, s.min_reported_interviews)}`,
    evaluations: run.evaluations,
    seed: planSeed(inputs.user_id),
  });
}

/** The front as an offline SVG (hours across, interviews up, the recommended plan ringed). */
export function planChartSvg(plan: MultiObjectivePlan): string {
  const asSolution = (o: PlanOption): Solution => ({
    x: [],
    objectives: [o.interviews_per_month, o.hours_per_week],
    violation: 0,
  });
  return frontSvg(plan.front.map(asSolution), plan.objectives.slice(0, 2), {
    title: `Weekly plans for ${plan.user_id}: interviews a month against hours a week`,
    axes: [1, 0],
    knee: plan.recommended === null ? null : asSolution(plan.recommended),
  });
}
