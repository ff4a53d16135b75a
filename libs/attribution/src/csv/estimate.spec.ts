import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRng } from '@hirelearn/stats';
import { readCsv, type CsvTable } from './csv-table';
import { estimateOnTable } from './estimate';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'csv-estimate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function table(name: string, text: string): Promise<CsvTable> {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const read = await readCsv(file);
  if (read.status !== 'ok') throw new Error(read.reason);
  return read.table;
}

describe('causal estimate on a CSV', () => {
  it('2x2 difference-in-differences equals the difference of the four cell means', async () => {
    // cells (group, post): means (0,0)=2, (0,1)=3, (1,0)=5, (1,1)=9 -> DiD = (9-5)-(3-2) = 3
    const rows = [
      [0, 0, 1],
      [0, 0, 3],
      [0, 1, 2],
      [0, 1, 4],
      [1, 0, 4],
      [1, 0, 6],
      [1, 1, 8],
      [1, 1, 10],
    ];
    const t = await table('did.csv', `g,post,y\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const r = estimateOnTable(t, { method: 'did', treatment: 'g', outcome: 'y', post: 'post' });
    expect(r.status).toBe('ok');
    expect(r.ate).toBeCloseTo(3, 10);
    expect(r.sample_size).toBe(8);
  });

  it('IV with one binary instrument equals the Wald ratio', async () => {
    const rng = createRng(5);
    const lines = ['z,d,y'];
    const z: number[] = [];
    const d: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const zi = rng.uniform() < 0.5 ? 1 : 0;
      const u = rng.uniform();
      const di = rng.uniform() < 0.2 + 0.5 * zi + 0.2 * u ? 1 : 0;
      const yi = 2 * di + 3 * u + rng.uniform();
      z.push(zi);
      d.push(di);
      y.push(yi);
      lines.push(`${zi},${di},${yi}`);
    }
    const mean = (xs: number[], w: (i: number) => boolean) => {
      const s = xs.filter((_, i) => w(i));
      return s.reduce((a, b) => a + b, 0) / s.length;
    };
    const wald =
      (mean(y, (i) => z[i] === 1) - mean(y, (i) => z[i] === 0)) /
      (mean(d, (i) => z[i] === 1) - mean(d, (i) => z[i] === 0));
    const t = await table('iv.csv', lines.join('\n'));
    const r = estimateOnTable(t, { method: 'iv', treatment: 'd', outcome: 'y', instrument: 'z' });
    expect(r.ate).toBeCloseTo(wald, 8);
    expect(r.diagnostics.first_stage_f).toBeGreaterThan(10);
  });

  it('AIPW without confounders on a randomized treatment equals the difference in means', async () => {
    const rng = createRng(9);
    const lines = ['t,x,y'];
    for (let i = 0; i < 300; i++) {
      const t = i % 2;
      const x = rng.uniform();
      lines.push(`${t},${x},${1.5 * t + x + rng.uniform()}`);
    }
    const t = await table('rct.csv', lines.join('\n'));
    const r = estimateOnTable(t, { method: 'aipw', treatment: 't', outcome: 'y' });
    expect(r.status).toBe('ok');
    expect(r.ate).toBeCloseTo(r.naive.ate!, 8);
    expect(r.confidence_interval![0]).toBeLessThan(1.5);
    expect(r.confidence_interval![1]).toBeGreaterThan(1.5);
    expect(r.refutations.length).toBeGreaterThan(0);
  });

  it('a missing column is a result with a reason, not a throw', async () => {
    const t = await table('small.csv', 't,y\n0,1\n1,2\n');
    const r = estimateOnTable(t, { method: 'ipw', treatment: 't', outcome: 'nope' });
    expect(r.status).toBe('invalid_input');
    expect(r.reasons[0]).toMatch(/no column 'nope'/);
  });

  it('an unreadable file is invalid_input', async () => {
    const r = await readCsv(path.join(dir, 'does-not-exist.csv'));
    expect(r.status).toBe('invalid_input');
  });
});
