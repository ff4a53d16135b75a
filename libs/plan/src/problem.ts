/**
 * A user's week as an optimisation problem for NSGA-II.
 *
 * Decision variables: applications a week in each category (reach = stretch roles, target,
 * safety = sure fits; each in [0, min(max_applications_per_week, hours / hours_per_application)]),
 * then for each lever the share (0-1) of applications it is applied to (tailoring: how much
 * of the week's applications are tailored).
 *
 * Objectives: interviews a month (max) = weeks_per_month * sum_c x_c * clip(base_c + sum_l e_l s_l);
 * hours a week (min) = sum_c x_c * (hours_per_application + sum_l s_l * extra_hours_l);
 * alignment with the user's targets (max, percent) = sum_c x_c a_c / sum_c x_c. Alignment is
 * left out when no category could be scored (no targets in any profile).
 *
 * Constraints: the hours fit the hours the user has; at least min_applications_per_week.
 */
import type { MooProblem, Objective } from '@hirelearn/moo';
import type { PlanSettings } from './settings';
import { PLAN_CATEGORIES, type PlanInputs, type PlanOption, type PlanCategory } from './types';

export const INTERVIEWS: Objective = Object.freeze({
  name: 'interviews',
  sense: 'max',
  unit: 'a month',
});
export const HOURS: Objective = Object.freeze({ name: 'hours', sense: 'min', unit: 'h a week' });
export const ALIGNMENT: Objective = Object.freeze({ name: 'alignment', sense: 'max', unit: '%' });

/** Alignment of each category, a missing one given the mean of the scored ones; null if none is. */
function categoryAlignment(inputs: PlanInputs): number[] | null {
  const scored = inputs.categories.map((c) => c.alignment).filter((a): a is number => a !== null);
  if (scored.length === 0) return null;
  const mean = scored.reduce((a, b) => a + b, 0) / scored.length;
  return inputs.categories.map((c) => c.alignment ?? mean);
}

export interface PlanProblem extends MooProblem {
  /** The decision vector in the user's terms, with its objective values. */
  option(x: readonly number[]): PlanOption;
}

export function planProblem(inputs: PlanInputs, s: PlanSettings): PlanProblem {
  const k = PLAN_CATEGORIES.length;
  const levers = inputs.levers;
  const alignment = categoryAlignment(inputs);
  const base = inputs.categories.map((c) => c.base_probability);
  const appsUpper = Math.min(
    s.max_applications_per_week,
    inputs.hours_per_week / s.hours_per_application,
  );
  const evaluate = (x: readonly number[]) => {
    let interviews = 0;
    let hours = 0;
    let apps = 0;
    let aligned = 0;
    const lift = levers.reduce((t, l, j) => t + l.effect * x[k + j], 0);
    const extra = levers.reduce((t, l, j) => t + l.extra_hours_per_application * x[k + j], 0);
    for (let c = 0; c < k; c++) {
      interviews += x[c] * Math.min(1, Math.max(0, base[c] + lift));
      hours += x[c] * (s.hours_per_application + extra);
      apps += x[c];
      if (alignment !== null) aligned += x[c] * alignment[c];
    }
    const values = [interviews * s.weeks_per_month, hours];
    if (alignment !== null) values.push(apps > 0 ? (100 * aligned) / apps : 0);
    return values;
  };
  const option = (x: readonly number[]): PlanOption => {
    const [interviews, hours, aligned] = evaluate(x);
    const perCategory = Object.fromEntries(PLAN_CATEGORIES.map((c, i) => [c, x[i]])) as Record<
      PlanCategory,
      number
    >;
    return Object.freeze({
      applications_per_week: Object.freeze(perCategory),
      total_applications_per_week: x.slice(0, k).reduce((a, b) => a + b, 0),
      lever_shares: Object.freeze(
        Object.fromEntries(levers.map((l, j) => [l.treatment, x[k + j]])),
      ),
      interviews_per_month: interviews,
      hours_per_week: hours,
      alignment_pct: alignment === null ? null : aligned,
    });
  };
  return {
    variables: [
      ...PLAN_CATEGORIES.map((c) => ({ name: `${c}_applications`, lower: 0, upper: appsUpper })),
      ...levers.map((l) => ({ name: `${l.treatment}_share`, lower: 0, upper: 1 })),
    ],
    objectives: alignment === null ? [INTERVIEWS, HOURS] : [INTERVIEWS, HOURS, ALIGNMENT],
    evaluate,
    constraint_names: [
      `hours within the ${inputs.hours_per_week} h a week available`,
      `at least ${s.min_applications_per_week} application(s) a week`,
    ],
    constraints: (x) => {
      const [, hours] = evaluate(x);
      const apps = x.slice(0, k).reduce((a, b) => a + b, 0);
      return [hours - inputs.hours_per_week, s.min_applications_per_week - apps];
    },
    option,
  };
}
