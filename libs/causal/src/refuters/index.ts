/** Refutation tests: each re-checks an estimate and returns `{ name, passed, detail, values }`. */
export * from './settings';
export * from './placebo';
export * from './random-common-cause';
export * from './data-subset';
export * from './e-value';
export * from './refute';
