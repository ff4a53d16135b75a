import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { readCsv } from './csv-table';

/** A CSV field, quoted as RFC 4180 says. */
const field = (s: string) => `"${s.replaceAll('"', '""')}"`;

describe('readCsv', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'csv-table-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every hostile header verbatim as a column, __proto__ and constructor included', async () => {
    const file = path.join(dir, 'hostile.csv');
    const rows = [
      HOSTILE_STRINGS.map(field),
      HOSTILE_STRINGS.map((_, i) => i),
      HOSTILE_STRINGS.map((_, i) => 10 * i),
    ];
    writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
    const read = await readCsv(file);
    if (read.status !== 'ok') throw new Error(read.reason);
    expect(Object.keys(read.table.columns)).toEqual([...HOSTILE_STRINGS]);
    HOSTILE_STRINGS.forEach((h, i) => expect([h, read.table.columns[h]]).toEqual([h, [i, 10 * i]]));
  });

  it('has no column a header did not name, whatever the name', async () => {
    const file = path.join(dir, 'plain.csv');
    writeFileSync(file, 'y,t\n1,0\n0,1\n');
    const read = await readCsv(file);
    if (read.status !== 'ok') throw new Error(read.reason);
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect([name, read.table.columns[name]]).toEqual([name, undefined]);
    }
  });
});
