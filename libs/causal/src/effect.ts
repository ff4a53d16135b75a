/**
 * Building `EffectEstimate`s: normal-theory intervals and p-values from an estimate and its
 * standard error, and variance from per-unit influence-function values (optionally clustered).
 *
 *   ci = estimate ± z_{1−α/2} · se,   p = 2 (1 − Φ(|estimate / se|))
 *   V̂ = (1/n²) Σ_i φ_i²,  or clustered  V̂ = G/(G−1) · (1/n²) Σ_g (Σ_{i∈g} φ_i)²
 *   (Tsiatis, Semiparametric Theory and Missing Data, 2006, ch. 3; cluster form as in
 *   Cameron & Miller 2015, J. Human Resources 50(2)).
 */
import { normalQuantile, normalTwoSided } from '@hirelearn/stats';
import { DataCheck } from './data';
import { deepFreeze } from './freeze';
import { CausalStatus, EffectEstimate, EffectMethod, Estimand } from './types';

export interface EffectCore {
  readonly method: EffectMethod;
  readonly estimand: Estimand;
  readonly estimate: number;
  readonly std_error: number;
  readonly n: number;
  readonly n_treated: number;
  readonly n_control: number;
  readonly status: CausalStatus;
  readonly reasons: readonly string[];
}

/** Adds `ci`, `p_value` and `q_value: null`, then freezes. `extra` holds method-specific fields. */
export function makeEffect<X extends object>(
  core: EffectCore,
  alpha: number,
  extra: X = {} as X,
): EffectEstimate & X {
  const z = normalQuantile(1 - alpha / 2);
  const ok =
    Number.isFinite(core.estimate) && Number.isFinite(core.std_error) && core.std_error > 0;
  const ci: [number, number] = ok
    ? [core.estimate - z * core.std_error, core.estimate + z * core.std_error]
    : [NaN, NaN];
  const p = ok ? normalTwoSided(core.estimate / core.std_error) : NaN;
  return deepFreeze({ ...core, ci, p_value: p, q_value: null, ...extra });
}

/** An effect that could not be estimated: NaN numbers, the check's status and reasons. */
export function failedEffect<X extends object>(
  method: EffectMethod,
  estimand: Estimand,
  check: DataCheck,
  alpha: number,
  extra: X = {} as X,
): EffectEstimate & X {
  return makeEffect(
    {
      method,
      estimand,
      estimate: NaN,
      std_error: NaN,
      n: check.n,
      n_treated: check.n_treated,
      n_control: check.n_control,
      status: check.status,
      reasons: check.reasons,
    },
    alpha,
    extra,
  );
}

/** Standard error √V̂ from influence values φ_i of a mean-zero estimating function (see module doc). */
export function influenceStdError(
  phi: readonly number[],
  clusters?: readonly (string | number)[],
): number {
  const n = phi.length;
  if (clusters === undefined) {
    let s = 0;
    for (const v of phi) s += v * v;
    return Math.sqrt(s) / n;
  }
  const sums = new Map<string | number, number>();
  phi.forEach((v, i) => sums.set(clusters[i], (sums.get(clusters[i]) ?? 0) + v));
  const g = sums.size;
  if (g < 2) return NaN;
  let s = 0;
  for (const v of sums.values()) s += v * v;
  return Math.sqrt((g / (g - 1)) * s) / n;
}
