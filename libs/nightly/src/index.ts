/**
 * @hirelearn/nightly — the nightly run that closes the loop: quality gate, attribution,
 * optimizers, recommendations routed and published, experiment ramps, the monitor pass and
 * the feedback-loop check, each step recorded in the document store.
 */
export * from './settings';
export * from './run-record';
export * from './steps';
export * from './attribution-results';
export * from './evidence-check';
export * from './feedback';
export * from './core-steps';
export * from './run-nightly';
