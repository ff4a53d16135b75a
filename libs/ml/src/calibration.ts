import { logistic, poolAdjacentViolators, sigmoid } from '@hirelearn/stats';

const { log, max, min } = Math;

export type CalibrationMethod = 'platt' | 'isotonic' | 'identity';

/** A monotone map from a raw probability to a calibrated one, as plain JSON. */
export type Calibrator =
  | { readonly method: 'identity' }
  | { readonly method: 'platt'; readonly a: number; readonly b: number }
  | {
      readonly method: 'isotonic';
      /** Step function: raw ≤ thresholds[i] → values[i] (linear between block means). */
      readonly thresholds: readonly number[];
      readonly values: readonly number[];
    };

const EPS = 1e-6;

function clip(p: number): number {
  return min(1 - EPS, max(EPS, p));
}

function logit(p: number): number {
  const q = clip(p);
  return log(q / (1 - q));
}

/** Applies a calibrator to a raw probability. */
export function calibrate(c: Calibrator, p: number): number {
  if (c.method === 'identity') return p;
  if (c.method === 'platt') return sigmoid(c.a * logit(p) + c.b);
  const { thresholds: t, values: v } = c;
  if (t.length === 0) return p;
  if (p <= t[0]) return v[0];
  if (p >= t[t.length - 1]) return v[v.length - 1];
  let lo = 0;
  let hi = t.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t[mid] <= p) lo = mid;
    else hi = mid;
  }
  const w = (p - t[lo]) / (t[hi] - t[lo] || 1);
  return v[lo] + w * (v[hi] - v[lo]);
}

/**
 * Platt scaling (Platt 1999) on the logit of the raw probability: p' = σ(a·logit(p) + b),
 * fitted by logistic regression of the labels on [1, logit(p)].
 */
export function fitPlatt(raw: readonly number[], y: readonly number[]): Calibrator {
  const r = logistic(
    raw.map((p) => [1, logit(p)]),
    y,
  );
  if (r.status !== 'ok') return { method: 'identity' };
  return { method: 'platt', a: r.coefficients[1], b: r.coefficients[0] };
}

/**
 * Isotonic regression by pool-adjacent-violators (Zadrozny & Elkan 2002): the
 * non-decreasing step function of raw p closest to the labels in squared error. Block means
 * are kept off 0 and 1 so a calibrated probability never makes the log loss infinite.
 */
export function fitIsotonic(raw: readonly number[], y: readonly number[]): Calibrator {
  const order = raw.map((_, i) => i).sort((a, b) => raw[a] - raw[b]);
  const blocks = poolAdjacentViolators(order.map((i) => y[i]));
  // Each block is represented at the mean raw value of its members.
  const thresholds = blocks.map((b) => {
    let s = 0;
    for (let k = b.start; k < b.end; k++) s += raw[order[k]];
    return s / (b.end - b.start);
  });
  return { method: 'isotonic', thresholds, values: blocks.map((b) => clip(b.value)) };
}

/** Mean log loss of probabilities against 0/1 labels, probabilities clipped to [1e-6, 1−1e-6]. */
export function meanLogLoss(p: readonly number[], y: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = clip(p[i]);
    s -= y[i] === 1 ? log(q) : log(1 - q);
  }
  return s / p.length;
}

export interface CalibrationChoice {
  readonly calibrator: Calibrator;
  /** Cross-validated log loss of each candidate on the validation data. */
  readonly cv_log_loss: Readonly<Record<CalibrationMethod, number>>;
}

/**
 * Chooses between no calibration, Platt and isotonic by `folds`-fold cross-validated log loss
 * on the validation data (isotonic would always win in-sample), then refits the winner on
 * all of it. Folds are interleaved by position, so the caller's row order must not be sorted
 * by outcome.
 */
export function chooseCalibrator(
  raw: readonly number[],
  y: readonly number[],
  folds = 2,
): CalibrationChoice {
  const loss: Record<CalibrationMethod, number> = { identity: 0, platt: 0, isotonic: 0 };
  for (let f = 0; f < folds; f++) {
    const trainIdx = raw.map((_, i) => i).filter((i) => i % folds !== f);
    const testIdx = raw.map((_, i) => i).filter((i) => i % folds === f);
    const tr = trainIdx.map((i) => raw[i]);
    const ty = trainIdx.map((i) => y[i]);
    const te = testIdx.map((i) => raw[i]);
    const ey = testIdx.map((i) => y[i]);
    const fitted: Record<CalibrationMethod, Calibrator> = {
      identity: { method: 'identity' },
      platt: fitPlatt(tr, ty),
      isotonic: fitIsotonic(tr, ty),
    };
    for (const m of Object.keys(fitted) as CalibrationMethod[]) {
      loss[m] +=
        (meanLogLoss(
          te.map((p) => calibrate(fitted[m], p)),
          ey,
        ) *
          te.length) /
        raw.length;
    }
  }
  const best = (Object.keys(loss) as CalibrationMethod[]).reduce((a, b) =>
    loss[b] < loss[a] ? b : a,
  );
  const calibrator: Calibrator =
    best === 'platt'
      ? fitPlatt(raw, y)
      : best === 'isotonic'
        ? fitIsotonic(raw, y)
        : { method: 'identity' };
  return { calibrator, cv_log_loss: loss };
}
