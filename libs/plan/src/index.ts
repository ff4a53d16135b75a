/**
 * @hirelearn/plan — a job seeker's weekly plan as a multi-objective problem (spec 7.6):
 * interviews against hours against alignment with their targets, solved by NSGA-II
 * (@hirelearn/moo), the knee recommended with the trade-off in words, and an SVG of the front.
 */
export { DEFAULT_PLAN_SETTINGS, planSettings, type PlanSettings } from './settings';
export {
  PLAN_CATEGORIES,
  type PlanCategory,
  type ApplicationGroup,
  type CategoryEvidence,
  type LeverIndicator,
  type PlanLever,
  type PlanBasis,
  type PlanInputs,
  type PlanOption,
  type PlanStatus,
  type PlanReasonCode,
  type MultiObjectivePlan,
} from './types';
export { planLevers, TAILORING_TREATMENT } from './levers';
export { categoryEvidence } from './evidence';
export { planProblem, INTERVIEWS, HOURS, ALIGNED_INTERVIEWS, type PlanProblem } from './problem';
export { solvePlan, planChartSvg, planSeed } from './solve';
export { describePlan, tradeOffInWords } from './words';
export {
  userStanding,
  applicationGroups,
  fittingPostingsPerWeek,
  type UserStanding,
  type PlanScope,
} from './plan-queries';
export { planForUser, type PlanForUserOptions } from './plan-for-user';
