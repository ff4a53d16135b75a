/**
 * @hirelearn/temporal — pure time-series analysis: STL decomposition, PELT change points,
 * Holt-Winters forecasts with intervals and their rolling-origin evaluation. No database,
 * no I/O: series in, typed frozen results out, a status and reason when a series is too
 * short for what was asked.
 */
export * from './status';
export * from './settings';
export * from './loess';
export * from './stl';
export * from './pelt';
export * from './holt-winters';
export * from './evaluation';
export * from './seasonality';
