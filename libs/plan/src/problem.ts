/**
 * A user's week as an optimisation problem for NSGA-II.
 *
 * Decision variables: applications a week in each category (reach = stretch roles, target,
 * safety = sure fits; each in [0, min(max_applications_per_week, hours / hours_per_application)]),
 * then for each lever the share (0-1) of applications it is applied to (tailoring: how much of
 * the week's applications are tailored).
 *
 * With p_c = clip(base_c + sum_l effect_l * share_l) the chance of one application in category
 * c and f_c the postings a week that fit the user there, x_c applications bring
 * I_c = p_c * f_c * (1 - exp(-x_c / f_c)) interviews a week (diminishing returns, settings.ts).
 * Objectives:
 * - interviews a month (max) = weeks_per_month * sum_c I_c;
 * - hours a week (min) = sum_c x_c * (hours_per_application + sum_l share_l * extra_hours_l);
 * - aligned interviews a month (max) = weeks_per_month * sum_c I_c * a_c, each interview counted
 *   by how well its role meets the user's targets (a_c in 0-1): the offer quality the week buys.
 *   A rate (mean alignment) would not do: the plan of one well-aligned application a week would
 *   tie the best in two objectives at once and every knee would sit at that corner. Left out
 *   when no category could be scored (no targets in any profile).
 * Constraints: the hours fit the hours the user has; at least min_applications_per_week.
 */
import type { MooProblem, Objective } from '@hirelearn/moo';
import type { PlanSettings } from './settings';
import { PLAN_CATEGORIES, type PlanCategory, type PlanInputs, type PlanOption } from './types';

export const INTERVIEWS: Objective = Object.freeze({
  name: 'interviews',
  sense: 'max',
  unit: 'a month',
});
export const HOURS: Objective = Object.freeze({ name: 'hours', sense: 'min', unit: 'h a week' });
export const ALIGNED_INTERVIEWS: Objective = Object.freeze({
  name: 'aligned interviews',
  sense: 'max',
  unit: 'a month',
});

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

interface Week {
  readonly interviews: number;
  readonly aligned: number;
  readonly hours: number;
  readonly applications: number;
  /** Application-weighted mean alignment (0-1), null when unscored or no application. */
  readonly alignment: number | null;
}

export function planProblem(inputs: PlanInputs, s: PlanSettings): PlanProblem {
  const k = PLAN_CATEGORIES.length;
  const levers = inputs.levers;
  const alignment = categoryAlignment(inputs);
  const base = inputs.categories.map((c) => c.base_probability);
  const fitting = inputs.categories.map((c) => c.fitting_postings_per_week);
  const appsUpper = Math.min(
    s.max_applications_per_week,
    inputs.hours_per_week / s.hours_per_application,
  );
  const week = (x: readonly number[]): Week => {
    let interviews = 0;
    let aligned = 0;
    let hours = 0;
    let applications = 0;
    let alignedApps = 0;
    const lift = levers.reduce((t, l, j) => t + l.effect * x[k + j], 0);
    const extra = levers.reduce((t, l, j) => t + l.extra_hours_per_application * x[k + j], 0);
    for (let c = 0; c < k; c++) {
      const p = Math.min(1, Math.max(0, base[c] + lift));
      const got = p * fitting[c] * (1 - Math.exp(-x[c] / fitting[c]));
      interviews += got;
      hours += x[c] * (s.hours_per_application + extra);
      applications += x[c];
      if (alignment !== null) {
        aligned += got * alignment[c];
        alignedApps += x[c] * alignment[c];
      }
    }
    const w = s.weeks_per_month;
    return {
      interviews: interviews * w,
      aligned: aligned * w,
      hours,
      applications,
      alignment: alignment === null || applications === 0 ? null : alignedApps / applications,
    };
  };
  const option = (x: readonly number[]): PlanOption => {
    const w = week(x);
    return Object.freeze({
      applications_per_week: Object.freeze(
        Object.fromEntries(PLAN_CATEGORIES.map((c, i) => [c, x[i]])) as Record<
          PlanCategory,
          number
        >,
      ),
      total_applications_per_week: w.applications,
      lever_shares: Object.freeze(
        Object.fromEntries(levers.map((l, j) => [l.treatment, x[k + j]])),
      ),
      interviews_per_month: w.interviews,
      hours_per_week: w.hours,
      aligned_interviews_per_month: alignment === null ? null : w.aligned,
      alignment_pct: w.alignment === null ? null : 100 * w.alignment,
    });
  };
  return {
    variables: [
      ...PLAN_CATEGORIES.map((c) => ({ name: `${c}_applications`, lower: 0, upper: appsUpper })),
      ...levers.map((l) => ({ name: `${l.treatment}_share`, lower: 0, upper: 1 })),
    ],
    objectives: alignment === null ? [INTERVIEWS, HOURS] : [INTERVIEWS, HOURS, ALIGNED_INTERVIEWS],
    evaluate: (x) => {
      const w = week(x);
      return alignment === null ? [w.interviews, w.hours] : [w.interviews, w.hours, w.aligned];
    },
    constraint_names: [
      `hours within the ${inputs.hours_per_week} h a week available`,
      `at least ${s.min_applications_per_week} application(s) a week`,
    ],
    constraints: (x) => {
      const w = week(x);
      return [w.hours - inputs.hours_per_week, s.min_applications_per_week - w.applications];
    },
    option,
  };
}
