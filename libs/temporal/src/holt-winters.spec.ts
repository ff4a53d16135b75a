import { createRng } from '@hirelearn/stats';
import { forecastHoltWinters, holtWinters } from './holt-winters';
import { rollingOriginEvaluation } from './evaluation';

const seasonalShape = [5, 8, 3, 0, -2, -6, -8, -5, -1, 2, 1, 3];

describe('holtWinters', () => {
  it('forecasts a noise-free linear trend plus season exactly', () => {
    const y = Array.from({ length: 48 }, (_, t) => 100 + 0.5 * t + seasonalShape[t % 12]);
    const fit = holtWinters(y, { period: 12, parameters: { alpha: 0.3, beta: 0.1, gamma: 0.2 } });
    expect(fit.status).toBe('ok');
    const fc = forecastHoltWinters(fit, 6);
    fc.points.forEach((p, i) => {
      const t = 48 + i;
      expect(p.mean).toBeCloseTo(100 + 0.5 * t + seasonalShape[t % 12], 6);
    });
  });

  it('prediction intervals cover about their level on simulated series', () => {
    let covered = 0;
    let total = 0;
    for (let seed = 0; seed < 40; seed++) {
      const rng = createRng(seed);
      const y = Array.from(
        { length: 61 },
        (_, t) => 50 + 0.2 * t + seasonalShape[t % 12] + rng.normal(0, 2),
      );
      const fc = forecastHoltWinters(holtWinters(y.slice(0, 60), { period: 12 }), 1);
      total++;
      if (y[60] >= fc.points[0].lower && y[60] <= fc.points[0].upper) covered++;
    }
    expect(covered / total).toBeGreaterThan(0.85);
  });

  it('says a series is too short for a season instead of inventing one', () => {
    const fit = holtWinters([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], { period: 12 });
    expect(fit.status).toBe('too_short_for_season');
    expect(fit.season).toEqual([]);
    expect(forecastHoltWinters(fit, 3).points).toEqual([]);
    expect(holtWinters([1, 2, 3, 4, 5]).model).toBe('holt_linear');
  });
});

describe('rollingOriginEvaluation', () => {
  it('beats the seasonal naive forecast on a noisy seasonal series (MASE < 1)', () => {
    const rng = createRng(3);
    const y = Array.from(
      { length: 48 },
      (_, t) => 200 + seasonalShape[t % 12] * 3 + rng.normal(0, 6),
    );
    const e = rollingOriginEvaluation(y, { period: 12, horizon: 3 });
    expect(e.status).toBe('ok');
    expect(e.origins).toBe(48 - 25);
    expect(e.mase).not.toBeNull();
    expect(e.mase!).toBeLessThan(1);
    expect(e.beats_seasonal_naive).toBe(true);
  });

  it('says when there is too little history to evaluate', () => {
    const e = rollingOriginEvaluation(new Array(20).fill(1), { period: 12, horizon: 3 });
    expect(e.status).toBe('too_short_for_evaluation');
    expect(e.mase).toBeNull();
  });
});
