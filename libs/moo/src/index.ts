/** @hirelearn/moo — pure multi-objective optimisation: NSGA-II, indicators, knee, SVG chart. */
export * from './problem';
export * from './settings';
export { dominates, constrainedDominates, fastNonDominatedSort, crowdingDistance } from './sort';
export { sbx, polynomialMutation, binaryTournament } from './operators';
export { nsga2, type Nsga2Options, type Nsga2Result, type MooStatus } from './nsga2';
export { randomSearch } from './random-search';
export { hypervolume2d, invertedGenerationalDistance } from './indicators';
export { kneePoint, type KneePoint } from './knee';
export { frontSvg, type FrontChartOptions } from './svg';
export { zdt, zdtFront, type ZdtName } from './zdt';
