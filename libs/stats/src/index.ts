/** @hirelearn/stats — pure statistics: regression, tests, intervals, seeded RNG. */
export * from './status';
export * from './rng';
export * from './descriptives';
export * from './special';
export * from './distributions';
export * from './linalg';
export * from './design';
export * from './normal-equations';
export * from './ols';
export * from './logistic';
export * from './welch';
export * from './proportions';
export * from './chisq';
export * from './multiple';
export * from './smd';
export * from './bootstrap';
export * from './isotonic';
