import { createRng } from '@hirelearn/stats';
import { rdLocalLinear } from './rd';
import { isSharpRd, rdFuzzy } from './rd-fuzzy';

/**
 * Take-up jumps from 0.2 to 0.2 + jumpD at 0; the effect of treatment on Y is `effect`. Units
 * are clustered in bins of X of width 0.05, each with a shared shock of SD `binShock`.
 */
function fuzzyWorld(n: number, seed: number, effect: number, jumpD: number, binShock = 0) {
  const rng = createRng(seed);
  const shocks = Array.from({ length: 40 }, () => binShock * rng.normal());
  const running: number[] = [];
  const treatment: number[] = [];
  const outcome: number[] = [];
  const clusters: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = 2 * rng.uniform() - 1;
    const d = rng.uniform() < 0.2 + (x >= 0 ? jumpD : 0) + 0.1 * x ? 1 : 0;
    running.push(x);
    treatment.push(d);
    const bin = Math.min(39, Math.floor((x + 1) * 20));
    outcome.push(1 + 0.5 * x + effect * d + shocks[bin] + 0.3 * rng.normal());
    clusters.push(bin);
  }
  return { running, treatment, outcome, clusters, cutoff: 0 };
}

describe('rdFuzzy', () => {
  const w = fuzzyWorld(4000, 91, 2, 0.5);

  it('is the ratio of the outcome and treatment jumps at the same bandwidth', () => {
    const e = rdFuzzy(w, { bandwidth: 0.4 });
    const y = rdLocalLinear(w, { bandwidth: 0.4 });
    const d = rdLocalLinear({ ...w, outcome: w.treatment }, { bandwidth: 0.4 });
    expect(e.status).toBe('ok');
    expect(e.estimand).toBe('LATE');
    expect(e.estimate).toBeCloseTo(y.estimate / d.estimate, 12);
    expect(e.first_stage_jump).toBeCloseTo(d.estimate, 12);
    expect(e.first_stage_f).toBeCloseTo((d.estimate / d.std_error) ** 2, 8);
  });

  it('recovers the planted effect of compliers with a data-driven bandwidth, where the sharp RD gives the ITT', () => {
    const e = rdFuzzy(w, { bandwidth_method: 'mserd' });
    expect(e.ci[0]).toBeLessThan(2);
    expect(e.ci[1]).toBeGreaterThan(2);
    expect(e.first_stage_jump).toBeGreaterThan(0.35);
    const itt = rdLocalLinear(w, { bandwidth: e.bandwidth });
    expect(itt.ci[1]).toBeLessThan(2 * 0.7); // the intent-to-treat jump ≈ 2 × 0.5
  });

  it('equals the sharp RD, estimate and SE, when treatment is 1{X ≥ c}', () => {
    const sharp = { ...w, treatment: w.running.map((x) => (x >= 0 ? 1 : 0)) };
    expect(isSharpRd(sharp.treatment, sharp.running, 0)).toBe(true);
    expect(isSharpRd(w.treatment, w.running, 0)).toBe(false);
    const f = rdFuzzy(sharp, { bandwidth: 0.5 });
    const s = rdLocalLinear(sharp, { bandwidth: 0.5 });
    expect(f.estimate).toBeCloseTo(s.estimate, 10);
    expect(f.std_error).toBeCloseTo(s.std_error, 10);
  });

  it('clusters the SE when clusters are given (shared shocks widen it), and flags a weak first stage', () => {
    const shocked = fuzzyWorld(4000, 93, 2, 0.5, 0.3);
    const { clusters, ...rest } = shocked;
    const c = rdFuzzy(shocked, { bandwidth: 0.4 });
    const plain = rdFuzzy(rest, { bandwidth: 0.4 });
    expect(c.estimate).toBeCloseTo(plain.estimate, 12);
    expect(clusters.length).toBe(4000);
    expect(c.std_error).toBeGreaterThan(1.3 * plain.std_error);
    const weak = rdFuzzy(fuzzyWorld(600, 92, 2, 0.03), { bandwidth: 0.4 });
    expect(weak.reasons.join(' ')).toMatch(/weak first stage/);
  });

  it('reports bad input and a missing treatment jump as statuses', () => {
    expect(rdFuzzy({ ...w, treatment: [1, 0] }).status).toBe('invalid_input');
    const flat = { ...w, treatment: w.running.map(() => 1) };
    expect(rdFuzzy(flat, { bandwidth: 0.4 }).status).not.toBe('ok');
  });
});
