/** @hirelearn/attribution — the causal studies hirelearn runs nightly on its own event log. */
export * from './vocabulary';
export * from './settings';
export * from './sql';
export * from './window';
export * from './table';
export * from './treatments';
export * from './effect';
export * from './headline';
export * from './design-study';
export * from './rd-study';
export * from './did-study';
export * from './run';
