/**
 * Pre-trend test of a difference-in-differences: before their treatment, treated units must
 * move like the others. On the untreated cells only (never-treated units, and treated units
 * before their first treated period), the event-study regression
 *   Y_it = α_i + λ_t + Σ_{j=1..K} γ_j 1{t = g_i − j} + x_itᵀβ + e_it
 * with g_i the unit's first treated period, and the joint Wald test of γ = 0:
 *   W = γ̂ᵀ V̂_γ⁻¹ γ̂ ~ χ²_K,  V̂ clustered by unit (`twfeRegression`).
 * This is Borusyak, Jaravel & Spiess's (2024, ReStud 91(6)) test: fitted on untreated cells it is
 * not contaminated by heterogeneous treatment effects, unlike leads in a TWFE event study that
 * also includes the treated periods (Sun & Abraham 2021). Leads are periods of the panel's
 * calendar (`panelTiming`); a lead no unit is observed at is left out (the reason says so).
 */
import { chiSquareUpper, leastSquaresQr } from '@hirelearn/stats';
import { deepFreeze } from './freeze';
import { panelTiming } from './panel-timing';
import { twfeRegression } from './twfe';
import { CausalStatus } from './types';
import type { PanelData } from './did';

export interface LeadEstimate {
  /** j: the period j before the unit's first treated period. */
  readonly lead: number;
  readonly estimate: number;
  readonly std_error: number;
  /** Untreated cells at this lead. */
  readonly cells: number;
}

export interface PreTrendTest {
  readonly status: CausalStatus;
  readonly reasons: readonly string[];
  readonly leads: readonly LeadEstimate[];
  readonly wald: number;
  readonly df: number;
  readonly p_value: number;
  /** True when the test ran and does not reject γ = 0 at α. */
  readonly passed: boolean;
  /** Untreated cells in the regression, and their units. */
  readonly n: number;
  readonly n_clusters: number;
}

/** Joint Wald test of no pre-trend over `leads` (K, default 2) periods (module doc). */
export function didPreTrendTest(
  data: PanelData,
  options: { readonly leads?: number; readonly alpha?: number } = {},
): PreTrendTest {
  const K = options.leads ?? 2;
  const alpha = options.alpha ?? 0.05;
  const n = data.outcome.length;
  const cov = Object.values(data.covariates ?? {});
  const fail = (status: CausalStatus, reason: string, cells = n): PreTrendTest =>
    deepFreeze({
      status,
      reasons: [reason],
      leads: [],
      wald: NaN,
      df: 0,
      p_value: NaN,
      passed: false,
      n: cells,
      n_clusters: 0,
    });
  if (!(Number.isInteger(K) && K >= 1))
    return fail('invalid_input', 'leads must be an integer >= 1');
  if ([data.treated, data.unit, data.time, ...cov].some((c) => c.length !== n)) {
    return fail('invalid_input', 'every column needs one value per outcome');
  }
  if (![data.outcome, data.treated, ...cov].every((c) => c.every(Number.isFinite))) {
    return fail('invalid_input', 'outcome, treated and covariates must be finite');
  }
  const timing = panelTiming(data.treated, data.unit, data.time);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    if (data.treated[i] === 0 && timing.rank[i] < timing.first_treated[timing.unit[i]])
      rows.push(i);
  }
  const leadOf = (i: number): number => timing.first_treated[timing.unit[i]] - timing.rank[i];
  const present: number[] = [];
  const leadCols: number[][] = [];
  for (let j = 1; j <= K; j++) {
    const col = rows.map((i) => (leadOf(i) === j ? 1 : 0));
    if (col.some((v) => v === 1)) {
      present.push(j);
      leadCols.push(col);
    }
  }
  if (present.length === 0) {
    return fail(
      'insufficient_data',
      `no unit is observed in the ${K} periods before its treatment`,
      rows.length,
    );
  }
  const pick = <T>(c: readonly T[]): T[] => rows.map((i) => c[i]);
  const y = pick(data.outcome);
  const unit = pick(data.unit);
  const time = pick(data.time);
  const covs = cov.map(pick);
  // With no untreated cell of a treated unit left as reference (e.g. one cohort observed only
  // K periods before), the farthest leads are collinear with the unit effects: drop them.
  let fit = twfeRegression(y, [...leadCols, ...covs], unit, time);
  while (fit.status === 'singular_design' && leadCols.length > 1) {
    leadCols.pop();
    present.pop();
    fit = twfeRegression(y, [...leadCols, ...covs], unit, time);
  }
  if (fit.status !== 'ok') return fail(fit.status, `event-study fit: ${fit.reason}`, rows.length);
  const k = present.length;
  const gamma = fit.beta.slice(0, k);
  const V = fit.vcov.slice(0, k).map((r) => r.slice(0, k));
  const solved = leastSquaresQr(V, gamma);
  if (!solved.full_rank)
    return fail('singular_design', 'the leads covariance is singular', rows.length);
  let wald = 0;
  for (let j = 0; j < k; j++) wald += gamma[j] * solved.beta[j];
  const p = chiSquareUpper(wald, k);
  const missing = K - k;
  return deepFreeze({
    status: 'ok',
    reasons:
      missing > 0
        ? [`${missing} of ${K} leads left out (no untreated cell, or no reference period left)`]
        : [],
    leads: present.map((lead, j) => ({
      lead,
      estimate: gamma[j],
      std_error: Math.sqrt(V[j][j]),
      cells: leadCols[j].reduce((a, b) => a + b, 0),
    })),
    wald,
    df: k,
    p_value: p,
    passed: p >= alpha,
    n: rows.length,
    n_clusters: fit.n_clusters,
  });
}
