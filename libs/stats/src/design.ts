/**
 * A regression design given either row by row (`Rows`, the plain API) or column by column
 * (`ColumnDesign`). Callers that hold their data as columns (libs/causal keeps one array per
 * covariate) pass them as they are: on 10⁵ rows, building one array per row cost more CPU and
 * garbage collection than the fit itself.
 */
import { Rows } from './linalg';
import { allFinite, assertInput } from './status';

/** Column-major design: `columns[j][i]` is row i of column j; every column has `n` entries. */
export interface ColumnDesign {
  readonly columns: readonly (readonly number[])[];
}

export type Design = Rows | ColumnDesign;

const isRows = (X: Design): X is Rows => Array.isArray(X);

/** Checks that `X` is a non-ragged n × k design and returns k. */
export function checkDesignShape(X: Design, n: number, fn: string): number {
  if (isRows(X)) {
    assertInput(X.length === n, `${fn}: X has ${X.length} rows but y has ${n} values`);
    const k = n === 0 ? 0 : X[0].length;
    // The message is built only on failure: a template per row costs more than the check.
    for (let i = 0; i < n; i++) {
      if (X[i].length !== k) {
        assertInput(
          false,
          `${fn}: X row ${i} has ${X[i].length} columns, expected ${k} (ragged design matrix)`,
        );
      }
    }
    return k;
  }
  X.columns.forEach((c, j) =>
    assertInput(c.length === n, `${fn}: X column ${j} has ${c.length} values but y has ${n}`),
  );
  return X.columns.length;
}

/** True when every entry of the design is finite. */
export function designFinite(X: Design): boolean {
  return isRows(X) ? X.every((row) => allFinite(row)) : X.columns.every((c) => allFinite(c));
}

/** Rows `rows` (all when omitted) packed column-major: column j at [j n, (j + 1) n). */
export function packDesign(X: Design, k: number, rows?: readonly number[]): Float64Array {
  if (isRows(X)) {
    const n = rows === undefined ? X.length : rows.length;
    const out = new Float64Array(n * k);
    for (let r = 0; r < n; r++) {
      const row = X[rows === undefined ? r : rows[r]];
      for (let j = 0; j < k; j++) out[j * n + r] = row[j];
    }
    return out;
  }
  const n = rows === undefined ? (X.columns[0]?.length ?? 0) : rows.length;
  const out = new Float64Array(n * k);
  X.columns.forEach((c, j) => {
    const o = j * n;
    if (rows === undefined) for (let i = 0; i < n; i++) out[o + i] = c[i];
    else for (let r = 0; r < n; r++) out[o + r] = c[rows[r]];
  });
  return out;
}

/** x_iᵀ β for every row of the design, read in place (no packed copy). */
export function designPredict(X: Design, beta: readonly number[]): number[] {
  if (isRows(X)) {
    return X.map((row) => {
      let s = 0;
      for (let j = 0; j < row.length; j++) s += row[j] * beta[j];
      return s;
    });
  }
  const out = new Array<number>(X.columns[0]?.length ?? 0).fill(0);
  X.columns.forEach((c, j) => {
    const b = beta[j];
    if (b !== 0) for (let i = 0; i < out.length; i++) out[i] += b * c[i];
  });
  return out;
}

/** Rows `rows` (all when omitted) as arrays (the QR fallback and the score vectors need rows). */
export function designRows(X: Design, rows?: readonly number[]): Rows {
  if (isRows(X)) return rows === undefined ? X : rows.map((i) => X[i]);
  const index = rows ?? Array.from({ length: X.columns[0]?.length ?? 0 }, (_, i) => i);
  return index.map((i) => X.columns.map((c) => c[i]));
}

/** Indices of the constant, non-zero (intercept-like) columns of the design. */
export function designConstantColumns(X: Design, k: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < k; j++) {
    const at = isRows(X) ? (i: number) => X[i][j] : (i: number) => X.columns[j][i];
    const n = isRows(X) ? X.length : X.columns[j].length;
    const v = n > 0 ? at(0) : 0;
    let same = n > 0 && v !== 0;
    for (let i = 1; same && i < n; i++) same = at(i) === v;
    if (same) out.push(j);
  }
  return out;
}

/** Indices of the constant, non-zero (intercept-like) columns of the packed n × k `xs`. */
export function packedConstantColumns(xs: Float64Array, n: number, k: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < k; j++) {
    const v = xs[j * n];
    let same = n > 0 && v !== 0;
    for (let i = 1; same && i < n; i++) same = xs[j * n + i] === v;
    if (same) out.push(j);
  }
  return out;
}
