/** Checks on `CausalData` shared by every estimator; problems come back as reasons, not throws. */
import type { ColumnDesign } from '@hirelearn/stats';
import { CausalData, CausalStatus } from './types';

export interface DataCheck {
  readonly status: CausalStatus;
  readonly reasons: readonly string[];
  readonly n: number;
  readonly n_treated: number;
  readonly n_control: number;
}

/**
 * Columns already checked. The same covariate columns reach every estimator, refit and
 * treatment of a run, and re-scanning them was a tenth of the nightly's CPU; columns are
 * readonly once handed over, so one check per array stands.
 */
const CHECKED = new WeakMap<readonly number[], boolean>();

function finite(values: readonly number[]): boolean {
  const known = CHECKED.get(values);
  if (known !== undefined) return known;
  let ok = true;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      ok = false;
      break;
    }
  }
  CHECKED.set(values, ok);
  return ok;
}

/** Lengths, finiteness and (when `binary`) a 0/1 treatment with enough units in each arm. */
export function checkData(data: CausalData, binary: boolean, minPerArm: number): DataCheck {
  const n = data.outcome.length;
  const t = data.treatment;
  let nTreated = 0;
  for (const v of t) if (v !== 0) nTreated++;
  const base = { n, n_treated: nTreated, n_control: t.length - nTreated };
  const bad = (status: CausalStatus, reason: string): DataCheck => ({
    ...base,
    status,
    reasons: [reason],
  });
  if (t.length !== n) return bad('invalid_input', `treatment has ${t.length} values, outcome ${n}`);
  for (const [name, col] of Object.entries(data.covariates)) {
    if (col.length !== n)
      return bad('invalid_input', `covariate ${name} has ${col.length} values, outcome ${n}`);
    if (!finite(col)) return bad('invalid_input', `covariate ${name} has non-finite values`);
  }
  if (data.clusters !== undefined && data.clusters.length !== n) {
    return bad('invalid_input', `clusters has ${data.clusters.length} ids, outcome ${n}`);
  }
  if (!finite(data.outcome) || !finite(t)) {
    return bad('invalid_input', 'outcome or treatment has non-finite values');
  }
  if (n === 0) return bad('insufficient_data', 'no units');
  if (binary && t.some((v) => v !== 0 && v !== 1)) {
    return bad('invalid_input', 'treatment must be 0/1 for this estimator');
  }
  if (binary && nTreated === 0) return bad('no_treated', 'no unit is treated');
  if (binary && nTreated === n) return bad('no_control', 'every unit is treated: no control group');
  if (binary && Math.min(nTreated, n - nTreated) < minPerArm) {
    return bad(
      'insufficient_data',
      `need >= ${minPerArm} units per arm (treated ${nTreated}, control ${n - nTreated})`,
    );
  }
  if (!binary && n < 3) return bad('insufficient_data', `need >= 3 units, got ${n}`);
  return { ...base, status: 'ok', reasons: [] };
}

/**
 * The design [1, covariates…] column by column, in the key order of `covariates`: handed to
 * `ols`/`logistic` as is, since building one array per row cost more than the fits on 10⁵ rows.
 */
export function designColumns(data: CausalData): ColumnDesign {
  const ones = new Array<number>(data.outcome.length).fill(1);
  return { columns: [ones, ...Object.values(data.covariates)] };
}

/**
 * The rows `index` of `col`. One loop per element type (numbers here, cluster ids below), not
 * one generic `index.map`: the nightly takes tens of subsets of 10⁵-row columns per treatment,
 * and that callback over columns of mixed types was 6% of a worker's CPU before its garbage.
 */
function pickRows(col: readonly number[], index: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < index.length; k++) out.push(col[index[k]]);
  return out;
}

function pickIds<T extends string | number>(col: readonly T[], index: readonly number[]): T[] {
  const out: T[] = [];
  for (let k = 0; k < index.length; k++) out.push(col[index[k]]);
  return out;
}

/** The rows `index` of every column of `data` (used for trimming, subsets and resamples). */
export function subsetData<D extends CausalData>(data: D, index: readonly number[]): D {
  // Rows of a column known finite are finite: the subset's check is known without a scan.
  const pickNumbers = (col: readonly number[]): number[] => {
    const out = pickRows(col, index);
    if (CHECKED.get(col) === true) CHECKED.set(out, true);
    return out;
  };
  const pickAll = (cols: Readonly<Record<string, readonly number[]>>): Record<string, number[]> =>
    Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, pickNumbers(v)]));
  const out: CausalData & { instruments?: Record<string, number[]> } = {
    ...data,
    outcome: pickNumbers(data.outcome),
    treatment: pickNumbers(data.treatment),
    covariates: pickAll(data.covariates),
    ...(data.clusters !== undefined ? { clusters: pickIds(data.clusters, index) } : {}),
  };
  const instruments = (data as { instruments?: Readonly<Record<string, readonly number[]>> })
    .instruments;
  if (instruments !== undefined) out.instruments = pickAll(instruments);
  return out as D;
}
