/**
 * @hirelearn/moo — pure multi-objective optimisation: NSGA-II, indicators, knee, SVG chart.
 * The public API only: what other projects import. Sorting, the genetic operators, the
 * settings' defaults and the problem's checks stay internal (specs import them by path).
 */

// A problem and its solutions.
export type { MooProblem, Objective, Solution } from './problem';
export { dominates } from './sort';

// Solving it: NSGA-II, and random search as the baseline.
export { nsga2 } from './nsga2';
export { randomSearch } from './random-search';

// The recommended (knee) solution and the chart of a front.
export { kneePoint } from './knee';
export { frontSvg } from './svg';

// Checking a solver: the ZDT problems, their fronts and bars, and the quality indicators.
export { zdt, zdtFront, type ZdtName } from './zdt';
export { zdtKnownAnswer } from './settings';
export { hypervolume2d, invertedGenerationalDistance } from './indicators';
