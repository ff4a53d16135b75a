import type { CausalEffect } from '@hirelearn/attribution';
import { CALIBRATED_METRIC, CALIBRATED_UNIT, type PredictedEffect } from './delivery';

/**
 * The promise an attribution effect makes, as a delivery logs it: its headline estimate and
 * interval of the change of the interview chance; null when the attribution gave no estimate
 * (an insight built on it promises nothing measurable).
 */
export function predictedEffectOf(effect: CausalEffect): PredictedEffect | null {
  const ci = effect.confidence_interval;
  if (effect.ate === null || ci === null) return null;
  return {
    metric: CALIBRATED_METRIC,
    estimate: effect.ate,
    interval: [ci[0], ci[1]],
    unit: CALIBRATED_UNIT,
    method: effect.headline_method,
    sample_size: effect.sample_size,
  };
}
