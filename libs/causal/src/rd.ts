/**
 * Sharp regression discontinuity by local linear regression with the triangular kernel
 * (Hahn, Todd & van der Klaauw 2001, Econometrica 69(1); Imbens & Lemieux 2008, J.
 * Econometrics 142(2)). Treatment is 1{X ≥ c}; within the bandwidth h,
 *   Y = α + τ·D + β₋ (X − c) + (β₊ − β₋) D (X − c),  weights K(u) = max(0, 1 − |u|), u = (X − c)/h
 * by WLS; τ̂ is the jump at the cutoff (the ATE at c), with HC1 or cluster-robust SE. h defaults
 * to the Imbens-Kalyanaraman bandwidth; `bandwidth_method: 'mserd'` picks rdrobust's MSE-optimal
 * one instead (both in rd-bandwidth.ts). The interval is the conventional one; it ignores the
 * smoothing bias that Calonico, Cattaneo & Titiunik (2014) correct.
 */
import { wls } from '@hirelearn/stats';
import { failedEffect, makeEffect } from './effect';
import { ikBandwidth, mseRdBandwidth } from './rd-bandwidth';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { CausalStatus, EffectEstimate } from './types';

export interface RdData {
  readonly outcome: readonly number[];
  readonly running: readonly number[];
  readonly cutoff: number;
  readonly clusters?: readonly (string | number)[];
}

export interface RdEffect extends EffectEstimate {
  readonly bandwidth: number;
  readonly bandwidth_method: RdBandwidthMethod | 'given';
}

/** Data-driven bandwidths: Imbens-Kalyanaraman (2012) or rdrobust's MSE-optimal `mserd`. */
export type RdBandwidthMethod = 'ik' | 'mserd';

/** Local linear RD estimate; `bandwidth` overrides the data-driven choice (IK unless `bandwidth_method`). */
export function rdLocalLinear(
  data: RdData,
  options: {
    readonly bandwidth?: number;
    readonly bandwidth_method?: RdBandwidthMethod;
    readonly settings?: CausalSettings;
  } = {},
): RdEffect {
  const s = options.settings ?? DEFAULT_CAUSAL_SETTINGS;
  const n = data.outcome.length;
  const method = options.bandwidth === undefined ? (options.bandwidth_method ?? 'ik') : 'given';
  const fail = (status: CausalStatus, reason: string, bandwidth = NaN): RdEffect =>
    failedEffect(
      'rd_local_linear',
      'ATE_at_cutoff',
      { status, reasons: [reason], n, n_treated: 0, n_control: 0 },
      s.alpha,
      { bandwidth, bandwidth_method: method },
    );
  if (data.running.length !== n || (data.clusters !== undefined && data.clusters.length !== n)) {
    return fail('invalid_input', 'running (and clusters) need one value per outcome');
  }
  if (![...data.outcome, ...data.running, data.cutoff].every(Number.isFinite)) {
    return fail('invalid_input', 'outcome, running and cutoff must be finite');
  }
  const above = data.running.filter((x) => x >= data.cutoff).length;
  if (above === 0) return fail('no_treated', 'no unit at or above the cutoff');
  if (above === n) return fail('no_control', 'no unit below the cutoff');
  const h =
    options.bandwidth ??
    (method === 'mserd'
      ? mseRdBandwidth(data.running, data.outcome, data.cutoff).h
      : ikBandwidth(data.running, data.outcome, data.cutoff));
  if (!(h > 0))
    return fail('insufficient_data', 'too few units near the cutoff to choose a bandwidth');
  const idx = data.running.flatMap((x, i) => (Math.abs(x - data.cutoff) < h ? [i] : []));
  const nT = idx.filter((i) => data.running[i] >= data.cutoff).length;
  const nC = idx.length - nT;
  if (nT < 3 || nC < 3) {
    return fail(
      'insufficient_data',
      `need >= 3 units on each side within h = ${h.toPrecision(3)} (got ${nC}, ${nT})`,
      h,
    );
  }
  const rows = idx.map((i) => {
    const d = data.running[i] >= data.cutoff ? 1 : 0;
    const x = data.running[i] - data.cutoff;
    return [1, d, x, d * x];
  });
  const weights = idx.map((i) => 1 - Math.abs(data.running[i] - data.cutoff) / h);
  const clusters =
    data.clusters === undefined
      ? undefined
      : idx.map((i) => (data.clusters as readonly (string | number)[])[i]);
  const fit = wls(
    rows,
    idx.map((i) => data.outcome[i]),
    weights,
    clusters === undefined ? { se: 'hc1' } : { se: 'cluster', clusters },
  );
  if (fit.status !== 'ok') return fail('singular_design', `local linear fit: ${fit.reason}`, h);
  return makeEffect(
    {
      method: 'rd_local_linear',
      estimand: 'ATE_at_cutoff',
      estimate: fit.coefficients[1],
      std_error: fit.std_errors[1],
      n: fit.n,
      n_treated: nT,
      n_control: nC,
      status: 'ok',
      reasons: [],
    },
    s.alpha,
    { bandwidth: h, bandwidth_method: method },
  );
}
