/** Checks on `CausalData` shared by every estimator; problems come back as reasons, not throws. */
import { CausalData, CausalStatus } from './types';

export interface DataCheck {
  readonly status: CausalStatus;
  readonly reasons: readonly string[];
  readonly n: number;
  readonly n_treated: number;
  readonly n_control: number;
}

function finite(values: readonly number[]): boolean {
  return values.every((v) => Number.isFinite(v));
}

/** Lengths, finiteness and (when `binary`) a 0/1 treatment with enough units in each arm. */
export function checkData(data: CausalData, binary: boolean, minPerArm: number): DataCheck {
  const n = data.outcome.length;
  const t = data.treatment;
  const nTreated = t.filter((v) => v !== 0).length;
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
  if (binary && !t.every((v) => v === 0 || v === 1)) {
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

/** Rows built per data object (estimators sharing one data set share its rows). */
const ROWS = new WeakMap<CausalData, Map<boolean, readonly (readonly number[])[]>>();

/**
 * Covariate rows in the key order of `covariates`, optionally prefixed by a 1 (intercept).
 * Memoized per `data` object: the propensity model, AIPW and IPW of one data set read the same
 * rows, and building 10⁵ row arrays each time dominated their cost.
 */
export function covariateRows(
  data: CausalData,
  intercept: boolean,
): readonly (readonly number[])[] {
  let byIntercept = ROWS.get(data);
  if (byIntercept === undefined) {
    byIntercept = new Map();
    ROWS.set(data, byIntercept);
  }
  const cached = byIntercept.get(intercept);
  if (cached !== undefined) return cached;
  const cols = Object.values(data.covariates);
  const k = cols.length;
  const start = intercept ? 1 : 0;
  const rows = data.outcome.map((_, i) => {
    const row = new Array<number>(k + start);
    if (intercept) row[0] = 1;
    for (let j = 0; j < k; j++) row[start + j] = cols[j][i];
    return row;
  });
  byIntercept.set(intercept, rows);
  return rows;
}

/** The rows `index` of every column of `data` (used for trimming, subsets and resamples). */
export function subsetData<D extends CausalData>(data: D, index: readonly number[]): D {
  const pick = <T>(col: readonly T[]): T[] => index.map((i) => col[i]);
  const pickAll = (cols: Readonly<Record<string, readonly number[]>>): Record<string, number[]> =>
    Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, pick(v)]));
  const out: CausalData & { instruments?: Record<string, number[]> } = {
    ...data,
    outcome: pick(data.outcome),
    treatment: pick(data.treatment),
    covariates: pickAll(data.covariates),
    ...(data.clusters !== undefined ? { clusters: pick(data.clusters) } : {}),
  };
  const instruments = (data as { instruments?: Readonly<Record<string, readonly number[]>> })
    .instruments;
  if (instruments !== undefined) out.instruments = pickAll(instruments);
  return out as D;
}
