/**
 * Seeded simulated worlds with planted effects, shared by the specs (not exported from the
 * library). Every generator is deterministic in its seed.
 */
import { createRng, sigmoid } from '@hirelearn/stats';
import { CausalData, IvData } from '../types';

export interface ConfoundedOptions {
  readonly n: number;
  readonly seed: number;
  /** True ATE on the probability scale. */
  readonly effect: number;
  /** Units per cluster (cluster ids attached when set). */
  readonly cluster_size?: number;
}

/**
 * x ~ U(0, 1) confounds both arms: logit P(T = 1 | x) = −1.5 + 3x and
 * P(Y = 1 | T, x) = 0.2 + 0.4x + effect·T. Then E[x | T = 1] > E[x | T = 0], so the naive
 * difference is biased upward by 0.4 (E[x | T=1] − E[x | T=0]) ≈ 0.07, while the true ATE
 * and ATT both equal `effect`.
 */
export function simulateConfounded(options: ConfoundedOptions): CausalData {
  const rng = createRng(options.seed);
  const x: number[] = [];
  const t: number[] = [];
  const y: number[] = [];
  const clusters: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const xi = rng.uniform();
    const ti = rng.uniform() < sigmoid(-1.5 + 3 * xi) ? 1 : 0;
    const p = 0.2 + 0.4 * xi + options.effect * ti;
    x.push(xi);
    t.push(ti);
    y.push(rng.uniform() < p ? 1 : 0);
    if (options.cluster_size !== undefined) clusters.push(Math.floor(i / options.cluster_size));
  }
  return {
    outcome: y,
    treatment: t,
    covariates: { x },
    ...(options.cluster_size !== undefined ? { clusters } : {}),
  };
}

export interface IvOptions {
  readonly n: number;
  readonly seed: number;
  /** True effect of the (continuous) treatment D on Y. */
  readonly effect: number;
  /** First-stage coefficient of the randomized binary instrument Z on D. */
  readonly strength: number;
}

/**
 * Unobserved U confounds D and Y: Z ~ Bernoulli(½) randomized, D = strength·Z + U + ε_D,
 * Y = effect·D + 2U + ε_Y with U, ε ~ N(0, 1). OLS of Y on D is biased by
 * 2 Cov(D, U)/Var(D) > 0; 2SLS with Z is consistent. A covariate w (pure noise) is included.
 */
export function simulateIv(options: IvOptions): IvData {
  const rng = createRng(options.seed);
  const z: number[] = [];
  const d: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const u = rng.normal();
    const zi = rng.uniform() < 0.5 ? 1 : 0;
    const di = options.strength * zi + u + rng.normal();
    z.push(zi);
    d.push(di);
    y.push(options.effect * di + 2 * u + rng.normal());
    w.push(rng.normal());
  }
  return { outcome: y, treatment: d, covariates: { w }, instruments: { z } };
}

/**
 * `simulateConfounded` plus a randomized binary instrument z ~ Bernoulli(½) that shifts the
 * treatment: logit P(T = 1 | x, z) = −2 + 3x + 1.5z. The outcome does not depend on z, so
 * 2SLS with z (adjusting for x) and adjustment for x target the same constant effect.
 */
export function simulateConfoundedWithInstrument(options: ConfoundedOptions): {
  data: CausalData;
  instruments: { z: number[] };
} {
  const rng = createRng(options.seed);
  const x: number[] = [];
  const z: number[] = [];
  const t: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < options.n; i++) {
    const xi = rng.uniform();
    const zi = rng.uniform() < 0.5 ? 1 : 0;
    const ti = rng.uniform() < sigmoid(-2 + 3 * xi + 1.5 * zi) ? 1 : 0;
    x.push(xi);
    z.push(zi);
    t.push(ti);
    y.push(rng.uniform() < 0.2 + 0.4 * xi + options.effect * ti ? 1 : 0);
  }
  return { data: { outcome: y, treatment: t, covariates: { x } }, instruments: { z } };
}
