/**
 * @hirelearn/temporal — pure time-series analysis: STL decomposition, PELT change points,
 * Holt-Winters forecasts with intervals and their rolling-origin evaluation. No database,
 * no I/O: series in, typed frozen results out, a status and reason when a series is too
 * short for what was asked.
 * The public API only (README's table with its options and results); the shared checks and
 * parameter derivations stay internal; specs import them by path.
 */
export type { TemporalStatus } from './status';
export { DEFAULT_TEMPORAL_SETTINGS, type TemporalSettings } from './settings';

// Decomposition and its smoother.
export { stl, type StlOptions, type StlResult } from './stl';
export { loessAt, loessSmooth } from './loess';

// Change points.
export { changePoints, type PeltOptions, type ChangePoint, type ChangePointResult } from './pelt';

// Forecasts and their evaluation.
export {
  holtWinters,
  forecastHoltWinters,
  type HoltWintersOptions,
  type HoltWintersFit,
  type Forecast,
  type ForecastPoint,
} from './holt-winters';
export {
  rollingOriginEvaluation,
  type EvaluationOptions,
  type ForecastEvaluation,
} from './evaluation';

// Calendar seasonality.
export { monthlySeasonality, type SeasonalProfile } from './seasonality';
