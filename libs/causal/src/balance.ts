/**
 * Covariate balance table: standardized mean difference (treated − control) of every
 * covariate before adjustment and after weighting by `weights` (IPW or matching weights).
 * Denominator is the unweighted √((s_t² + s_c²)/2) in both columns, so adjustment moves only
 * the numerator (Austin & Stuart 2015, Stat. Med. 34(28); the R `cobalt` convention).
 * |SMD| < 0.1 is the usual "balanced" threshold.
 */
import { weightedStandardizedMeanDifference } from '@hirelearn/stats';
import { deepFreeze } from './freeze';
import { CausalData } from './types';

export interface BalanceRow {
  readonly covariate: string;
  readonly smd_before: number;
  readonly smd_after: number;
}

export interface BalanceTable {
  readonly rows: readonly BalanceRow[];
  /** max |SMD| over covariates; NaN if any SMD is undefined, 0 with no covariates. */
  readonly max_abs_smd_before: number;
  readonly max_abs_smd_after: number;
}

function groups(
  values: readonly number[],
  treatment: readonly number[],
  weights: readonly number[],
): [{ values: number[]; weights: number[] }, { values: number[]; weights: number[] }] {
  const t = { values: [] as number[], weights: [] as number[] };
  const c = { values: [] as number[], weights: [] as number[] };
  values.forEach((v, i) => {
    const g = treatment[i] === 1 ? t : c;
    g.values.push(v);
    g.weights.push(weights[i]);
  });
  return [t, c];
}

function maxAbs(values: readonly number[]): number {
  return values.reduce(
    (m, v) => (Number.isNaN(v) || Number.isNaN(m) ? NaN : Math.max(m, Math.abs(v))),
    0,
  );
}

/** Balance of `data.covariates` between arms before and after weighting by `weights`. */
export function balanceTable(data: CausalData, weights: readonly number[]): BalanceTable {
  const ones = data.treatment.map(() => 1);
  const rows = Object.entries(data.covariates).map(([covariate, values]) => {
    const smd = (w: readonly number[]): number => {
      const [t, c] = groups(values, data.treatment, w);
      return weightedStandardizedMeanDifference(t, c, { sd_from: 'unweighted' }).smd;
    };
    return { covariate, smd_before: smd(ones), smd_after: smd(weights) };
  });
  return deepFreeze({
    rows,
    max_abs_smd_before: maxAbs(rows.map((r) => r.smd_before)),
    max_abs_smd_after: maxAbs(rows.map((r) => r.smd_after)),
  });
}
