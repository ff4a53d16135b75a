import { allFinite, assertInput, normalQuantile } from '@hirelearn/stats';
import type { TemporalStatusFields } from './status';

/** Smoothing parameters of additive Holt-Winters (level, trend, season), each in [0, 1]. */
export interface HoltWintersParameters {
  readonly alpha: number;
  /** null for a model without a trend (level and season only). */
  readonly beta: number | null;
  /** null for the non-seasonal (Holt linear) model. */
  readonly gamma: number | null;
}

export interface HoltWintersOptions {
  /** Observations per cycle; 0 or omitted fits Holt's linear trend without a season. */
  readonly period?: number;
  /** Fixed parameters; estimated by least squares of one-step errors when omitted. */
  readonly parameters?: HoltWintersParameters;
}

/** A fitted additive Holt-Winters model (the recursions of R's `HoltWinters`). */
export interface HoltWintersFit extends TemporalStatusFields {
  readonly model: 'holt_winters_additive' | 'holt_linear';
  readonly period: number;
  readonly parameters: HoltWintersParameters;
  /** Final level, trend and the last cycle's seasonal terms (s[0] is the next step's). */
  readonly level: number;
  readonly trend: number;
  readonly season: readonly number[];
  /** One-step-ahead fitted values from the first fitted observation on (`fitted_from`). */
  readonly fitted: readonly number[];
  readonly fitted_from: number;
  /** Sum of squared one-step errors. */
  readonly sse: number;
}

/** One forecast step with its prediction interval. */
export interface ForecastPoint {
  readonly step: number;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

export interface Forecast extends TemporalStatusFields {
  readonly model: HoltWintersFit['model'];
  readonly level: number;
  readonly points: readonly ForecastPoint[];
}

const noFit = (status: HoltWintersFit['status'], reason: string, period: number): HoltWintersFit =>
  Object.freeze({
    status,
    reason,
    model: period > 0 ? 'holt_winters_additive' : 'holt_linear',
    period,
    parameters: { alpha: 0, beta: 0, gamma: null },
    level: NaN,
    trend: NaN,
    season: [],
    fitted: [],
    fitted_from: 0,
    sse: NaN,
  });

/** Least-squares line through y[0..n): [intercept at index 0, slope]. */
function line(y: readonly number[]): [number, number] {
  const n = y.length;
  const mx = (n - 1) / 2;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (y[i] - my);
    sxx += (i - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return [my - slope * mx, slope];
}

/**
 * Start values as R's HoltWinters takes them: a classical additive decomposition of the
 * first two cycles (centred moving average; the seasonal figure, centred), and the level
 * and trend from a line through that moving average.
 */
function startValues(y: readonly number[], f: number) {
  const wind = 2 * f;
  const half = Math.floor(f / 2);
  const ma: (number | null)[] = new Array(wind).fill(null);
  for (let t = half; t < wind - half; t++) {
    let s = 0;
    if (f % 2 === 0) {
      s = 0.5 * y[t - half] + 0.5 * y[t + half];
      for (let k = t - half + 1; k < t + half; k++) s += y[k];
    } else for (let k = t - half; k <= t + half; k++) s += y[k];
    ma[t] = s / f;
  }
  const sums = new Array(f).fill(0);
  const counts = new Array(f).fill(0);
  for (let t = 0; t < wind; t++) {
    const m = ma[t];
    if (m === null) continue;
    sums[t % f] += y[t] - m;
    counts[t % f] += 1;
  }
  const figure = sums.map((s, i) => s / counts[i]);
  const centre = figure.reduce((a, b) => a + b, 0) / f;
  const trendPoints = ma.filter((m): m is number => m !== null);
  const [a, b] = line(trendPoints);
  // The line starts at index `half`; the level is its value at the end of the first cycle,
  // where the recursions start (R puts it before the line's first point instead, which
  // leaves a level error of (f/2 + 1) slopes for the smoothing to work off).
  return { level: a + b * (f - 1 - half), trend: b, season: figure.map((s) => s - centre) };
}

/** The recursions for given parameters: the final state, fitted values and SSE. */
function run(y: readonly number[], f: number, p: HoltWintersParameters) {
  const seasonal = f > 0;
  let level: number;
  let trend: number;
  let season: number[];
  let start: number;
  if (seasonal) {
    ({ level, trend, season } = startValues(y, f));
    start = f;
  } else {
    level = y[1];
    trend = y[1] - y[0];
    season = [];
    start = 2;
  }
  const fitted: number[] = [];
  let sse = 0;
  const gamma = p.gamma ?? 0;
  if (p.beta === null) trend = 0;
  const beta = p.beta ?? 0;
  for (let i = start; i < y.length; i++) {
    const s = seasonal ? season[(i - start) % f] : 0;
    const xhat = level + trend + s;
    fitted.push(xhat);
    sse += (y[i] - xhat) ** 2;
    const previous = level;
    level = p.alpha * (y[i] - s) + (1 - p.alpha) * (level + trend);
    trend = beta * (level - previous) + (1 - beta) * trend;
    if (seasonal) season[(i - start) % f] = gamma * (y[i] - level) + (1 - gamma) * s;
  }
  // Rotate so season[0] is the term of the next step.
  const next = seasonal ? (y.length - start) % f : 0;
  const rotated = seasonal ? [...season.slice(next), ...season.slice(0, next)] : [];
  return { level, trend, season: rotated, fitted, start, sse };
}

/**
 * Least-squares parameters: with and without a trend, each by a grid search then two finer
 * grids around the best (deterministic, no optimiser state).
 */
function estimate(y: readonly number[], f: number): HoltWintersParameters {
  const withTrend = gridSearch(y, f, true);
  const flat = gridSearch(y, f, false);
  // Keep the trend only where it earns its two extra terms (slope and beta), by AIC.
  const n = y.length - (f > 0 ? f : 2);
  const aic = (sse: number, k: number) => n * Math.log(Math.max(sse, 1e-12) / n) + 2 * k;
  return aic(withTrend.sse, 2) < aic(flat.sse, 0) ? withTrend.p : flat.p;
}

function gridSearch(y: readonly number[], f: number, trended: boolean) {
  const seasonal = f > 0;
  let best = { alpha: 0.5, beta: 0.1, gamma: seasonal ? 0.1 : null } as HoltWintersParameters;
  let bestSse = Infinity;
  let step = 0.1;
  let centre = { alpha: 0.5, beta: 0.5, gamma: 0.5 };
  for (let round = 0; round < 3; round++) {
    const values = (c: number) => {
      const out: number[] = [];
      for (let k = -5; k <= 5; k++) {
        const v = Math.round((c + k * step) * 1e6) / 1e6;
        if (v >= 0 && v <= 1) out.push(v);
      }
      return out;
    };
    for (const alpha of values(centre.alpha))
      for (const beta of trended ? values(centre.beta) : [null])
        for (const gamma of seasonal ? values(centre.gamma) : [null]) {
          // The usual region (Hyndman et al. 2008): beta <= alpha, gamma <= 1 - alpha. Outside it
          // a short series buys its fit with a trend or season that chases the noise.
          if ((beta ?? 0) > alpha || (gamma ?? 0) > 1 - alpha) continue;
          const p = { alpha, beta, gamma };
          const { sse } = run(y, f, p);
          if (sse < bestSse) {
            bestSse = sse;
            best = p;
          }
        }
    centre = { alpha: best.alpha, beta: best.beta ?? 0, gamma: best.gamma ?? 0 };
    step /= 5;
  }
  return { p: best, sse: bestSse };
}

/**
 * Additive Holt-Winters (Winters 1960) with decomposition start values, or Holt's linear trend when
 * no period is given. A seasonal fit needs two full cycles plus one observation; a linear
 * one needs 3 observations. Shorter series get `too_short_for_season` / `empty_input`.
 */
export function holtWinters(
  y: readonly number[],
  options: HoltWintersOptions = {},
): HoltWintersFit {
  const f = options.period ?? 0;
  assertInput(Number.isInteger(f) && (f === 0 || f >= 2), 'period must be 0 or an integer >= 2');
  if (y.length === 0) return noFit('empty_input', 'the series is empty', f);
  if (!allFinite(y)) return noFit('non_finite_input', 'the series has non-finite values', f);
  if (f > 0 && y.length < 2 * f + 1)
    return noFit(
      'too_short_for_season',
      `a seasonal model of period ${f} needs ${2 * f + 1} observations; the series has ${y.length}`,
      f,
    );
  if (y.length < 3)
    return noFit(
      'too_short_for_evaluation',
      `a trend needs 3 observations; the series has ${y.length}`,
      f,
    );
  const parameters = options.parameters ?? estimate(y, f);
  const r = run(y, f, parameters);
  return Object.freeze({
    status: 'ok',
    reason: '',
    model: f > 0 ? 'holt_winters_additive' : 'holt_linear',
    period: f,
    parameters: Object.freeze({ ...parameters }),
    level: r.level,
    trend: r.trend,
    season: Object.freeze(r.season),
    fitted: Object.freeze(r.fitted),
    fitted_from: r.start,
    sse: r.sse,
  });
}

/**
 * Point forecasts `horizon` steps ahead with prediction intervals at `level` (e.g. 0.95):
 * the variance grows as sigma² (1 + Σ ψ_j²), ψ_j = α(1 + jβ) + γ(1 − α)[j mod period = 0]
 * (the formula R's predict.HoltWinters uses), sigma² from the one-step errors.
 */
export function forecastHoltWinters(fit: HoltWintersFit, horizon: number, level = 0.95): Forecast {
  assertInput(Number.isInteger(horizon) && horizon >= 1, 'horizon must be an integer >= 1');
  assertInput(level > 0 && level < 1, 'level must be in (0, 1)');
  if (fit.status !== 'ok')
    return Object.freeze({
      status: fit.status,
      reason: fit.reason,
      model: fit.model,
      level,
      points: [],
    });
  const { alpha, beta, gamma } = fit.parameters;
  const f = fit.period;
  const sigma2 = fit.sse / Math.max(1, fit.fitted.length - 1);
  const z = normalQuantile(1 - (1 - level) / 2);
  const points: ForecastPoint[] = [];
  let psiSum = 0;
  for (let h = 1; h <= horizon; h++) {
    if (h > 1) {
      const j = h - 1;
      const psi =
        alpha * (1 + j * (beta ?? 0)) + (f > 0 && j % f === 0 ? (gamma ?? 0) * (1 - alpha) : 0);
      psiSum += psi * psi;
    }
    const mean = fit.level + h * fit.trend + (f > 0 ? fit.season[(h - 1) % f] : 0);
    const half = z * Math.sqrt(sigma2 * (1 + psiSum));
    points.push(Object.freeze({ step: h, mean, lower: mean - half, upper: mean + half }));
  }
  return Object.freeze({
    status: 'ok',
    reason: '',
    model: fit.model,
    level,
    points: Object.freeze(points),
  });
}
