import { balanceTable } from './balance';
import { psMatching } from './matching';
import { causalSettings } from './settings';
import { simulateConfounded } from './testing/simulate';

const covers = (ci: readonly [number, number], v: number): boolean => ci[0] <= v && v <= ci[1];

describe('psMatching', () => {
  it('recovers the planted ATT 0.1 within its CI and balances the confounder', () => {
    const data = simulateConfounded({ n: 4000, seed: 21, effect: 0.1 });
    const e = psMatching(data);
    expect(e.status).toBe('ok');
    expect(e.estimand).toBe('ATT');
    expect(covers(e.ci, 0.1)).toBe(true);
    expect(e.std_error).toBeGreaterThan(0.01);
    expect(e.std_error).toBeLessThan(0.04);
    expect(balanceTable(data, e.weights).max_abs_smd_after).toBeLessThan(0.1);
  });

  it('covers 0 under a confounded null effect', () => {
    const e = psMatching(simulateConfounded({ n: 4000, seed: 22, effect: 0 }));
    expect(covers(e.ci, 0)).toBe(true);
  });

  it('averages tied controls: the hand-computed estimate and Abadie-Imbens variance', () => {
    // Controls and treated interleaved; with the intercept-only propensity (no covariates)
    // every logit is equal, so both controls tie for every treated unit and are averaged
    // (Abadie-Imbens; Stata's teffects psmatch): counterfactual (1 + 2)/2 = 1.5 each time.
    const data = {
      outcome: [5, 1, 4, 2, 3],
      treatment: [1, 0, 1, 0, 1],
      covariates: {},
    };
    const e = psMatching(data);
    // diffs 3.5, 2.5, 1.5 → τ = 2.5.
    expect(e.estimate).toBeCloseTo(2.5, 12);
    // Each control: K = 3 · ½ = 1.5, K' = 3 · ¼ = 0.75, K² − K' = 1.5; σ² = ½ (1 − 2)² = 0.5.
    // V = [Σ (d − τ)² + 2 · 1.5 · 0.5] / N₁² = [2 + 1.5] / 9.
    expect(e.std_error).toBeCloseTo(Math.sqrt(3.5 / 9), 12);
    expect(e.weights).toEqual([1, 1.5, 1, 1.5, 1]);
    expect(e.n_treated).toBe(3);
    expect(e.n_control).toBe(2);
  });

  it('a zero caliper with continuous logits leaves no matches: status no_matches', () => {
    const data = simulateConfounded({ n: 200, seed: 5, effect: 0 });
    const e = psMatching(data, causalSettings({ caliper_sd: 0 }));
    expect(e.status).toBe('no_matches');
    expect(e.n_unmatched_treated).toBeGreaterThan(0);
  });

  it('degenerate treatment vectors are status codes', () => {
    const base = { outcome: [1, 0, 1, 0], covariates: { x: [1, 2, 3, 4] } };
    expect(psMatching({ ...base, treatment: [0, 0, 0, 0] }).status).toBe('no_treated');
    expect(psMatching({ ...base, treatment: [1, 1, 1, 1] }).status).toBe('no_control');
    expect(psMatching({ ...base, treatment: [0, 0, 1, 1] }).status).toBe('separation');
  });
});
