/** Temporal market analyses: the event store's series through @hirelearn/temporal. */
export * from './series';
export * from './calendar';
export * from './analysis';
export * from './forecast';
