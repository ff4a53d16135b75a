import { assertInput } from '@hirelearn/stats';
import { forecastHoltWinters, holtWinters } from './holt-winters';
import type { TemporalStatusFields } from './status';

/** Rolling-origin comparison of Holt-Winters with the seasonal naive forecast. */
export interface ForecastEvaluation extends TemporalStatusFields {
  readonly horizon: number;
  readonly origins: number;
  /** Mean absolute error of the model's forecasts over every origin and step. */
  readonly mae_model: number | null;
  /** The same for the seasonal naive forecast (the value one period earlier). */
  readonly mae_seasonal_naive: number | null;
  /**
   * MASE with the seasonal naive forecast as the scale, both over the same origins and
   * steps: below 1 the model beats the seasonal naive forecast.
   */
  readonly mase: number | null;
  readonly beats_seasonal_naive: boolean | null;
}

export interface EvaluationOptions {
  readonly period: number;
  readonly horizon: number;
  /** First origin: the model is fitted on at least this many observations (default 2 periods + 1). */
  readonly min_train?: number;
}

/**
 * Rolling-origin evaluation (Tashman 2000): for every origin t from `min_train` to n - 1,
 * fit on y[0..t), forecast up to `horizon` steps and score every step that has an actual,
 * against the seasonal naive forecast y[t + h - 1 - period] from the same origin.
 */
export function rollingOriginEvaluation(
  y: readonly number[],
  options: EvaluationOptions,
): ForecastEvaluation {
  const { period, horizon } = options;
  assertInput(Number.isInteger(period) && period >= 2, 'period must be an integer >= 2');
  assertInput(Number.isInteger(horizon) && horizon >= 1, 'horizon must be an integer >= 1');
  const minTrain = Math.max(options.min_train ?? 2 * period + 1, period + 1);
  const base = { horizon };
  if (y.length <= minTrain)
    return Object.freeze({
      status: 'too_short_for_evaluation',
      reason: `rolling-origin evaluation needs more than ${minTrain} observations; the series has ${y.length}`,
      ...base,
      origins: 0,
      mae_model: null,
      mae_seasonal_naive: null,
      mase: null,
      beats_seasonal_naive: null,
    });
  let errModel = 0;
  let errNaive = 0;
  let count = 0;
  let origins = 0;
  for (let t = minTrain; t < y.length; t++) {
    const fit = holtWinters(y.slice(0, t), { period: t >= 2 * period + 1 ? period : 0 });
    const fc = forecastHoltWinters(fit, horizon);
    if (fc.status !== 'ok') continue;
    origins++;
    for (const p of fc.points) {
      const at = t + p.step - 1;
      if (at >= y.length) break;
      // Seasonal naive from origin t: the last observed value of the same season.
      const naive = y[t - period + ((p.step - 1) % period)];
      errModel += Math.abs(y[at] - p.mean);
      errNaive += Math.abs(y[at] - naive);
      count++;
    }
  }
  const maeModel = count ? errModel / count : null;
  const maeNaive = count ? errNaive / count : null;
  const mase = maeModel !== null && maeNaive ? maeModel / maeNaive : null;
  return Object.freeze({
    status: 'ok',
    reason: '',
    ...base,
    origins,
    mae_model: maeModel,
    mae_seasonal_naive: maeNaive,
    mase,
    beats_seasonal_naive: mase === null ? null : mase < 1,
  });
}
