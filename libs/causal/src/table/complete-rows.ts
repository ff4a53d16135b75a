/**
 * Listwise deletion for `causal estimate`: the rows of a table with a value in every column
 * the method reads, and how many rows were dropped for an empty cell in which column, so that
 * the caller can say so instead of refusing the whole file.
 */

/** Named columns, as `hirelearn causal estimate` reads them from a CSV (`readCsv`, libs/store). */
export interface ColumnTable {
  readonly n: number;
  /** Raw values per column: numbers, strings, or null for empty cells; booleans become 0/1. */
  readonly columns: Readonly<Record<string, readonly (number | string | null)[]>>;
}

export interface CompleteRows {
  readonly table: ColumnTable;
  readonly dropped: number;
  /** e.g. "dropped 3 of 120 rows with an empty cell (y: 2, x: 1)"; '' when none. */
  readonly reason: string;
}

/** Keeps the rows with no empty cell in `columns` (absent columns are ignored here). */
export function completeRows(table: ColumnTable, columns: readonly string[]): CompleteRows {
  const present = [...new Set(columns)].filter((c) => table.columns[c] !== undefined);
  const empties = new Map<string, number>();
  const keep: number[] = [];
  for (let i = 0; i < table.n; i++) {
    let ok = true;
    for (const c of present) {
      if (table.columns[c][i] === null) {
        empties.set(c, (empties.get(c) ?? 0) + 1);
        ok = false;
      }
    }
    if (ok) keep.push(i);
  }
  const dropped = table.n - keep.length;
  if (dropped === 0) return { table, dropped, reason: '' };
  const columnsOut: Record<string, readonly (number | string | null)[]> = {};
  for (const [name, col] of Object.entries(table.columns))
    columnsOut[name] = keep.map((i) => col[i]);
  const which = [...empties].map(([c, k]) => `${c}: ${k}`).join(', ');
  return {
    table: { n: keep.length, columns: columnsOut },
    dropped,
    reason: `dropped ${dropped} of ${table.n} rows with an empty cell (${which})`,
  };
}
