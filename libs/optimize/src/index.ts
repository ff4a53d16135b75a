/** @hirelearn/optimize — pure optimizers: evidence in, OptimizationRecommendations out. */
export * from './recommendation';
