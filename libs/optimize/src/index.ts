/** @hirelearn/optimize — pure optimizers: evidence in, OptimizationRecommendations out. */
export * from './recommendation';
export * from './settings';
export * from './route';
export * from './build';
export * from './content-id';
export * from './calibration';
export * from './timing';
export * from './resume-edits';
export * from './threshold';
export * from './fit-weights';
