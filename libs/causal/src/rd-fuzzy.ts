/**
 * Fuzzy regression discontinuity: the probability of treatment jumps at the cutoff but not from
 * 0 to 1 (Hahn, Todd & van der Klaauw 2001; Imbens & Lemieux 2008, §6). With the same triangular
 * kernel and bandwidth h on both sides,
 *   τ̂ = jump(Y) / jump(D)
 * (the Wald ratio of two `rdLocalLinear` fits; the LATE of compliers at the cutoff), with the
 * delta-method standard error of the kernel-weighted 2SLS,
 *   SE(τ̂) = SE(jump of Y − τ̂D) / |jump(D)|,
 * HC1 or clustered when `clusters` are given. h is chosen on the outcome (the reduced form) by
 * `bandwidth_method` unless given. When D is exactly 1{X ≥ c} the first-stage jump is 1 and τ̂,
 * SE equal the sharp design's. The first stage's F = (jump(D)/SE)² is returned: below the
 * weak-instrument threshold the ratio is unreliable and the reason says so.
 */
import { failedEffect, makeEffect } from './effect';
import { rdLocalLinear, RdBandwidthMethod, RdData, RdEffect } from './rd';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';

export interface RdFuzzyData extends RdData {
  /** Treatment actually received (0/1, or a dose), one per outcome. */
  readonly treatment: readonly number[];
}

export interface RdFuzzyEffect extends RdEffect {
  /** The jump of the treatment at the cutoff (NaN when the first stage failed). */
  readonly first_stage_jump: number;
  readonly first_stage_f: number;
}

/** True when every unit's treatment is 1{running ≥ cutoff}: a sharp design. */
export function isSharpRd(
  treatment: readonly number[],
  running: readonly number[],
  cutoff: number,
): boolean {
  for (let i = 0; i < treatment.length; i++) {
    if (treatment[i] !== (running[i] >= cutoff ? 1 : 0)) return false;
  }
  return true;
}

/** Fuzzy RD (module doc); `bandwidth` overrides the data-driven choice. */
export function rdFuzzy(
  data: RdFuzzyData,
  options: {
    readonly bandwidth?: number;
    readonly bandwidth_method?: RdBandwidthMethod;
    readonly settings?: CausalSettings;
  } = {},
): RdFuzzyEffect {
  const s = options.settings ?? DEFAULT_CAUSAL_SETTINGS;
  const with1st = (e: RdEffect, jump = NaN, f = NaN): RdFuzzyEffect =>
    Object.freeze({ ...e, estimand: 'LATE' as const, first_stage_jump: jump, first_stage_f: f });
  const { treatment, ...base } = data;
  if (treatment.length !== data.outcome.length || !treatment.every(Number.isFinite)) {
    const check = {
      status: 'invalid_input' as const,
      reasons: ['treatment needs one finite value per outcome'],
      n: data.outcome.length,
      n_treated: 0,
      n_control: 0,
    };
    return with1st(
      failedEffect('rd_local_linear', 'LATE', check, s.alpha, {
        bandwidth: NaN,
        bandwidth_method:
          options.bandwidth === undefined ? (options.bandwidth_method ?? 'ik') : 'given',
      }),
    );
  }
  const reduced = rdLocalLinear(base, options);
  if (reduced.status !== 'ok') return with1st(reduced);
  const h = reduced.bandwidth;
  const first = rdLocalLinear({ ...base, outcome: treatment }, { bandwidth: h, settings: s });
  if (first.status !== 'ok') return with1st(first);
  const f = (first.estimate / first.std_error) ** 2;
  if (first.estimate === 0) {
    return with1st(
      { ...first, status: 'singular_design', reasons: ['treatment does not jump at the cutoff'] },
      0,
      f,
    );
  }
  const tau = reduced.estimate / first.estimate;
  const adjusted = data.outcome.map((y, i) => y - tau * treatment[i]);
  const resid = rdLocalLinear({ ...base, outcome: adjusted }, { bandwidth: h, settings: s });
  const weak =
    f < s.weak_instrument_f
      ? [`weak first stage at the cutoff: F ${f.toFixed(1)} < ${s.weak_instrument_f}`]
      : [];
  const effect = makeEffect(
    {
      method: 'rd_local_linear',
      estimand: 'LATE',
      estimate: tau,
      std_error: resid.std_error / Math.abs(first.estimate),
      n: reduced.n,
      n_treated: reduced.n_treated,
      n_control: reduced.n_control,
      status: resid.status,
      reasons: [...resid.reasons, ...weak],
    },
    s.alpha,
    {
      bandwidth: h,
      bandwidth_method: reduced.bandwidth_method,
      first_stage_jump: first.estimate,
      first_stage_f: f,
    },
  );
  return effect;
}
