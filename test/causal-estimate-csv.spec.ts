import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRng } from '@hirelearn/stats';
import { estimateOnTable, rdFuzzy } from '@hirelearn/causal';
import { readCsv, type CsvTable } from '@hirelearn/store';

/** Wooldridge's MROZ, shipped with libs/causal's published fixtures. */
const MROZ = path.resolve(__dirname, '../libs/causal/fixtures/mroz/mroz.csv');

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
    const r = estimateOnTable(t, {
      method: 'iv',
      treatment: 'd',
      outcome: 'y',
      instruments: ['z'],
    });
    expect(r.ate).toBeCloseTo(wald, 8);
    expect(r.diagnostics.first_stage_f).toBeGreaterThan(10);
  });

  it('IV with several instruments: over-identified 2SLS on MROZ (Wooldridge Example 15.5), empty wages dropped', async () => {
    const read = await readCsv(MROZ);
    if (read.status !== 'ok') throw new Error(read.reason);
    const r = estimateOnTable(read.table, {
      method: 'iv',
      treatment: 'educ',
      outcome: 'lwage',
      confounders: ['exper', 'expersq'],
      instruments: ['motheduc', 'fatheduc'],
    });
    expect(r.status).toBe('ok');
    expect(r.sample_size).toBe(428);
    expect(r.diagnostics.rows_dropped).toBe(325);
    expect(r.ate).toBeCloseTo(0.0614, 4);
    expect(r.diagnostics.n_instruments).toBe(2);
    expect(r.diagnostics.sargan).toBeCloseTo(0.378, 3);
    expect(r.diagnostics.sargan_p_value).toBeCloseTo(0.539, 3);
    expect(r.diagnostics.overid_df).toBe(1);
    expect(r.diagnostics.hansen_j).toBeCloseTo(0.4435, 4);
    expect(r.diagnostics.first_stage_f_classical).toBeCloseTo(55.4, 2);
    expect(r.diagnostics.weak_instrument).toBe(false);
  });

  it('names every column that does not exist, instruments included', async () => {
    const t = await table('cols.csv', 'z,d,y\n0,0,1\n1,1,2\n0,1,3\n1,0,4\n');
    const r = estimateOnTable(t, {
      method: 'iv',
      treatment: 'd',
      outcome: 'y',
      instruments: ['z', 'nope', 'nada'],
    });
    expect(r.status).toBe('invalid_input');
    expect(r.reasons[0]).toBe("no columns 'nope', 'nada' (columns: z, d, y)");
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

  it('drops rows with an empty cell in a used column, and says how many and where', async () => {
    const rows = [
      '0,0,1,a',
      '0,0,3,',
      '0,1,2,b',
      '0,1,4,',
      '1,0,4,',
      '1,0,6,',
      '1,1,8,',
      '1,1,10,',
    ];
    const extra = ['1,,99,', ',1,99,', '0,1,,'];
    const t = await table('did-gaps.csv', `g,post,y,note\n${[...rows, ...extra].join('\n')}\n`);
    const r = estimateOnTable(t, { method: 'did', treatment: 'g', outcome: 'y', post: 'post' });
    expect(r.status).toBe('ok');
    expect(r.ate).toBeCloseTo(3, 10); // the 2x2 above, unchanged by the incomplete rows
    expect(r.diagnostics.rows_dropped).toBe(3);
    expect(r.reasons[0]).toBe('dropped 3 of 11 rows with an empty cell (post: 1, g: 1, y: 1)');
    const none = await table('empty.csv', 'g,post,y\n1,,\n,1,\n');
    const bad = estimateOnTable(none, {
      method: 'did',
      treatment: 'g',
      outcome: 'y',
      post: 'post',
    });
    expect(bad.status).toBe('invalid_input');
    expect(bad.reasons[0]).toMatch(/no complete row: dropped 2 of 2/);
  });

  describe('regression discontinuity', () => {
    const rng = createRng(21);
    const x: number[] = [];
    const d: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const xi = 2 * rng.uniform() - 1;
      const di = rng.uniform() < 0.2 + (xi >= 0 ? 0.6 : 0) ? 1 : 0;
      x.push(xi);
      d.push(di);
      y.push(1 + xi + 2 * di + 0.3 * rng.normal());
    }
    const csv = (treat: readonly number[]) =>
      `x,d,y\n${x.map((v, i) => `${v},${treat[i]},${y[i]}`).join('\n')}\n`;
    const req = {
      method: 'rd',
      treatment: 'd',
      outcome: 'y',
      running_variable: 'x',
      cutoff: 0,
    } as const;

    it('goes fuzzy when the treatment is not 1{x >= c}, and prints the density test', async () => {
      const t = await table('rd-fuzzy.csv', csv(d));
      const r = estimateOnTable(t, req);
      const direct = rdFuzzy({ outcome: y, running: x, treatment: d, cutoff: 0 });
      expect(r.diagnostics.fuzzy).toBe(true);
      expect(r.estimand).toBe('LATE');
      expect(r.ate).toBeCloseTo(direct.estimate, 6);
      expect(r.confidence_interval![0]).toBeLessThan(2);
      expect(r.confidence_interval![1]).toBeGreaterThan(2);
      const density = r.refutations.find((c) => c.name === 'density_test')!;
      expect(density.passed).toBe(true);
    });

    it('stays sharp when the treatment is 1{x >= c} unless --fuzzy is asked', async () => {
      const t = await table('rd-sharp.csv', csv(x.map((v) => (v >= 0 ? 1 : 0))));
      const sharp = estimateOnTable(t, req);
      expect(sharp.diagnostics.fuzzy).toBe(false);
      expect(sharp.estimand).toBe('ATE_at_cutoff');
      const forced = estimateOnTable(t, { ...req, fuzzy: true });
      expect(forced.diagnostics.fuzzy).toBe(true);
      expect(forced.ate).toBeCloseTo(sharp.ate!, 8);
    });
  });

  it('a staggered panel DiD uses the not-yet-treated comparison and prints the pre-trend test', async () => {
    const rng = createRng(31);
    const lines = ['u,t,d,y'];
    for (let u = 0; u < 90; u++) {
      const g = [2, 4, 99][u % 3];
      for (let t = 0; t < 6; t++) {
        const d = t >= g ? 1 : 0;
        lines.push(`${u},${t},${d},${u / 30 + 0.3 * t + d * (1 + (t - g)) + 0.2 * rng.normal()}`);
      }
    }
    const t = await table('panel.csv', lines.join('\n'));
    const r = estimateOnTable(t, {
      method: 'did',
      treatment: 'd',
      outcome: 'y',
      unit: 'u',
      time: 't',
    });
    expect(r.method).toBe('did_imputation');
    expect(r.estimates.did_twfe).not.toBeNull();
    expect(r.diagnostics.cohorts).toBe(2);
    const pre = r.refutations.find((c) => c.name === 'pre_trend')!;
    expect(pre.passed).toBe(true);
    expect(r.diagnostics.pre_trend_p_value).toBeGreaterThan(0.05);
  });

  it('reproduces rdrobust on the Senate fixture, dropping its 93 rows without a vote', async () => {
    const file = path.join(__dirname, '../libs/causal/fixtures/senate-rd/rdrobust_senate.csv');
    const read = await readCsv(file);
    if (read.status !== 'ok') throw new Error(read.reason);
    const req = {
      method: 'rd',
      treatment: 'margin',
      outcome: 'vote',
      running_variable: 'margin',
      cutoff: 0,
      bandwidth_method: 'mserd',
    } as const;
    const r = estimateOnTable(read.table, req);
    expect(r.diagnostics.rows_dropped).toBe(93);
    expect(r.diagnostics.fuzzy).toBe(false);
    expect(r.ate).toBeCloseTo(7.414, 3);
    expect(r.std_error).toBeCloseTo(1.459, 3);
    expect(r.diagnostics.bandwidth).toBeCloseTo(17.754, 3);
  });

  it('an unreadable file is invalid_input', async () => {
    const r = await readCsv(path.join(dir, 'does-not-exist.csv'));
    expect(r.status).toBe('invalid_input');
  });
});
