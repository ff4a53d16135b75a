/**
 * Reads any CSV into columns through DuckDB's `read_csv_auto` (a bare in-memory instance: no
 * event-store tables or migrations, which reading a file does not need), so quoting, headers
 * and types follow DuckDB's sniffer rather than a parser of our own.
 */
import { DuckDBInstance } from '@duckdb/node-api';

export interface CsvTable {
  readonly n: number;
  /** Raw values per column: numbers, strings, or null for empty cells; booleans become 0/1. */
  readonly columns: Readonly<Record<string, readonly (number | string | null)[]>>;
}

export type CsvRead =
  | { readonly status: 'ok'; readonly table: CsvTable }
  | { readonly status: 'invalid_input'; readonly reason: string };

const cell = (v: unknown): number | string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const s = String(v);
  const x = Number(s);
  return s.trim() !== '' && Number.isFinite(x) ? x : s;
};

/** The CSV at `file` as columns; an unreadable file comes back as `invalid_input`. */
export async function readCsv(file: string): Promise<CsvRead> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rowsOf = async (sql: string) =>
    (await connection.runAndReadAll(sql, [file])).getRowObjectsJson();
  try {
    // The header's names are data: they come back as values (DESCRIBE), the rows under aliases
    // of their position, and the names are put back on an object without a prototype, so
    // that a column named `__proto__` or `constructor` is a column like any other. The path is
    // a parameter: a file name is never spelled into SQL.
    const described = await rowsOf('DESCRIBE SELECT * FROM read_csv_auto(?, header = true)');
    const names = described.map((r) => String(r.column_name));
    const aliases = names.map((_, i) => `c${i}`);
    const rows = await rowsOf(
      `SELECT * FROM read_csv_auto(?, header = true) AS t(${aliases.join(', ')})`,
    );
    const columns: Record<string, (number | string | null)[]> = Object.create(null);
    names.forEach((name, i) => {
      columns[name] = rows.map((r) => cell(r[aliases[i]]));
    });
    return { status: 'ok', table: { n: rows.length, columns } };
  } catch (error) {
    return {
      status: 'invalid_input',
      reason: error instanceof Error ? error.message : String(error),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
