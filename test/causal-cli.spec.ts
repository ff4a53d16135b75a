import * as path from 'node:path';
import { requireBuiltCli, runCli } from './support/cli';

/** `hirelearn causal estimate --method iv` with several instruments, on Wooldridge's MROZ. */

const MROZ = path.resolve(__dirname, '../libs/causal/fixtures/mroz/mroz.csv');
const IV = ['causal', 'estimate', '--data', MROZ, '--method', 'iv'];
const MODEL = ['--treatment', 'educ', '--outcome', 'lwage', '--confounders', 'exper,expersq'];

beforeAll(() => requireBuiltCli());

describe('hirelearn causal estimate --method iv', () => {
  it('--instrument a,b is two instruments: over-identified 2SLS with first-stage F, Sargan and Hansen J', () => {
    const json = runCli([...IV, ...MODEL, '--instrument', 'motheduc, fatheduc', '--json']);
    expect(json.stderr).toBe('');
    const r = JSON.parse(json.stdout) as {
      ate: number;
      sample_size: number;
      diagnostics: Record<string, number | boolean | null>;
    };
    expect(r.ate).toBeCloseTo(0.0614, 4);
    expect(r.sample_size).toBe(428);
    expect(r.diagnostics.n_instruments).toBe(2);
    expect(r.diagnostics.sargan).toBeCloseTo(0.378, 3);

    const text = runCli([...IV, ...MODEL, '--instrument', 'motheduc,fatheduc']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/first stage\s+joint F of the excluded instruments 55\.40 \(p /);
    expect(text.stdout).toMatch(
      /over-identification\s+Sargan 0\.3781 \(p 0\.539\), Hansen J 0\.4435/,
    );
  });

  it('names the columns that do not exist and exits non-zero', () => {
    const r = runCli([...IV, ...MODEL, '--instrument', 'motheduc,grandmaeduc,auntduc']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no columns 'grandmaeduc', 'auntduc' \(columns: inlf, hours/);
    expect(r.stdout).toBe('');
  });
});
