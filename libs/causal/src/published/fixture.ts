/**
 * Reads the published data sets under libs/causal/fixtures (each with its SOURCE.md) into
 * numeric columns, for the known-answer specs beside this file only (not exported from the
 * library, which stays free of files). The fixtures are small, plain CSV or the authors'
 * whitespace text, so a split is enough: no quoting beyond R's `"..."` around names and ids.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export type Columns = Readonly<Record<string, readonly number[]>>;

const FIXTURES = path.resolve(__dirname, '../../fixtures');

const cell = (text: string): number => {
  const s = text.trim().replace(/^"(.*)"$/, '$1');
  return s === '' ? NaN : Number(s);
};

function lines(file: string): string[] {
  return readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

function toColumns(names: readonly string[], rows: readonly (readonly number[])[]): Columns {
  return Object.fromEntries(names.map((name, j) => [name, rows.map((r) => r[j])]));
}

/** A CSV with a header row; empty or non-numeric cells become NaN. */
export function readFixtureCsv(file: string): Columns {
  const [header, ...body] = lines(file);
  const names = header.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
  return toColumns(
    names,
    body.map((l) => l.split(',').map(cell)),
  );
}

/** Whitespace-separated text without a header, columns named by `names` (extra columns dropped). */
export function readFixtureText(file: string, names: readonly string[]): Columns {
  return toColumns(
    names,
    lines(file).map((l) => l.trim().split(/\s+/).map(cell)),
  );
}

/** Rows of `cols` where `keep` holds, every column subset alike. */
export function filterRows(cols: Columns, keep: (i: number) => boolean): Columns {
  const n = Object.values(cols)[0]?.length ?? 0;
  const idx = Array.from({ length: n }, (_, i) => i).filter(keep);
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, idx.map((i) => v[i])]));
}
