const { abs, log, max, min } = Math;

const EPS = 1e-6;

export interface StackingSettings {
  readonly maxIterations: number;
  /** Stop when the log loss improves by less than this. */
  readonly tolerance: number;
}

export const DEFAULT_STACKING: StackingSettings = Object.freeze({
  maxIterations: 500,
  tolerance: 1e-10,
});

export interface StackingWeights {
  /** One weight per member, each ≥ 0, summing to 1. */
  readonly weights: readonly number[];
  readonly log_loss: number;
  readonly iterations: number;
}

/** Euclidean projection onto the probability simplex (Duchi et al. 2008, Fig. 1). */
export function projectToSimplex(v: readonly number[]): number[] {
  const u = [...v].sort((a, b) => b - a);
  let css = 0;
  let theta = 0;
  for (let j = 0; j < u.length; j++) {
    css += u[j];
    const t = (css - 1) / (j + 1);
    if (u[j] - t > 0) theta = t;
  }
  return v.map((x) => max(0, x - theta));
}

function blendLoss(w: readonly number[], P: readonly (readonly number[])[], y: readonly number[]) {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    let p = 0;
    for (let k = 0; k < w.length; k++) p += w[k] * P[i][k];
    p = min(1 - EPS, max(EPS, p));
    s -= y[i] === 1 ? log(p) : log(1 - p);
  }
  return s / y.length;
}

/**
 * Stacking weights of a linear pool p = Σ_k w_k p_k learned on held-out predictions by
 * minimizing the log loss over the simplex (w ≥ 0, Σw = 1). The loss is convex in w, so
 * projected gradient descent with backtracking reaches the global minimum.
 * `P[i][k]` is member k's probability for row i.
 */
export function learnStackingWeights(
  P: readonly (readonly number[])[],
  y: readonly number[],
  settings: StackingSettings = DEFAULT_STACKING,
): StackingWeights {
  const K = P[0]?.length ?? 0;
  let w = Array.from({ length: K }, () => 1 / K);
  let loss = blendLoss(w, P, y);
  let step = 1;
  let it = 0;
  for (; it < settings.maxIterations; it++) {
    const grad = new Array<number>(K).fill(0);
    for (let i = 0; i < y.length; i++) {
      let p = 0;
      for (let k = 0; k < K; k++) p += w[k] * P[i][k];
      p = min(1 - EPS, max(EPS, p));
      const d = y[i] === 1 ? -1 / p : 1 / (1 - p);
      for (let k = 0; k < K; k++) grad[k] += (d * P[i][k]) / y.length;
    }
    let improved = false;
    while (step > 1e-12) {
      const cand = projectToSimplex(w.map((x, k) => x - step * grad[k]));
      const l = blendLoss(cand, P, y);
      if (l < loss) {
        const gain = loss - l;
        w = cand;
        loss = l;
        improved = gain > settings.tolerance;
        step *= 2;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  const total = w.reduce((a, b) => a + b, 0);
  return Object.freeze({
    weights: w.map((x) => (abs(total) > 0 ? x / total : 1 / K)),
    log_loss: loss,
    iterations: it,
  });
}
