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

export interface PanelOptions {
  readonly units: number;
  readonly periods: number;
  readonly seed: number;
  readonly effect: number;
  /** First treated period of the treated group (a second cohort starts one later if staggered). */
  readonly start: number;
  readonly staggered?: boolean;
}

/**
 * Panel with selection on levels: unit effect α_i ~ N(0, 1), the treated group is the units
 * with α_i + N(0, 1) > 0 (so treated units have higher levels), period effects λ_t = 0.3 t,
 * Y_it = α_i + λ_t + effect·D_it + N(0, 0.5²), D_it = 1 for treated units from `start` on.
 * Pooled OLS of Y on D is biased by the level difference; DiD/TWFE are not.
 */
export function simulatePanel(options: PanelOptions): {
  outcome: number[];
  treated: number[];
  unit: number[];
  time: number[];
  group: number[];
  post: number[];
} {
  const rng = createRng(options.seed);
  const out = {
    outcome: [] as number[],
    treated: [] as number[],
    unit: [] as number[],
    time: [] as number[],
    group: [] as number[],
    post: [] as number[],
  };
  for (let u = 0; u < options.units; u++) {
    const alpha = rng.normal();
    const isTreated = alpha + rng.normal() > 0 ? 1 : 0;
    const start = options.staggered && u % 2 === 1 ? options.start + 1 : options.start;
    for (let t = 0; t < options.periods; t++) {
      const d = isTreated && t >= start ? 1 : 0;
      out.outcome.push(alpha + 0.3 * t + options.effect * d + rng.normal(0, 0.5));
      out.treated.push(d);
      out.unit.push(u);
      out.time.push(t);
      out.group.push(isTreated);
      out.post.push(t >= options.start ? 1 : 0);
    }
  }
  return out;
}
