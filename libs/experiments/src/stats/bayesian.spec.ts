import { normalCdf } from '@hirelearn/stats';
import { bayesianCompare, betaChanceToWin } from './bayesian';

describe('Bayesian engine', () => {
  it('closed-form P(B > A) for Beta posteriors matches symmetric and known cases', () => {
    expect(betaChanceToWin(1, 1, 1, 1)).toBeCloseTo(0.5, 12);
    // Beta(2,1) vs Beta(1,1): P(U > max-type) = 1/3.
    expect(betaChanceToWin(2, 1, 1, 1)).toBeCloseTo(1 / 3, 12);
    expect(betaChanceToWin(11, 21, 21, 11) + betaChanceToWin(21, 11, 11, 21)).toBeCloseTo(1, 10);
  });

  it('Monte Carlo chance to win agrees with the closed form (40/200 vs 55/200)', () => {
    const c = { variant_id: 'c', n: 200, sum: 40, sum_sq: 40 };
    const t = { variant_id: 't', n: 200, sum: 55, sum_sq: 55 };
    const r = bayesianCompare('binomial', c, t, true, { draws: 40000, seed: 3 });
    const exact = betaChanceToWin(41, 161, 56, 146);
    expect(r.method).toBe('beta_binomial_monte_carlo');
    expect(Math.abs(r.chance_to_win - exact)).toBeLessThan(0.01);
    // E[max(d, 0)] − E[max(−d, 0)] = E[d] = 56/202 − 41/202.
    expect(r.risk_control - r.risk_treatment).toBeCloseTo(15 / 202, 2);
    // Same seed, same answer.
    expect(bayesianCompare('binomial', c, t, true, { draws: 40000, seed: 3 })).toEqual(r);
  });

  it('normal approximation: chance to win Φ(d/se), risks in closed form', () => {
    const c = { variant_id: 'a', n: 3407, sum: 1396.87, sum_sq: 52377.9767 };
    const t = { variant_id: 'b', n: 3461, sum: 2422.7, sum_sq: 134698.29 };
    const r = bayesianCompare('mean', c, t);
    expect(r.chance_to_win).toBeCloseTo(normalCdf(0.29 / 0.124785), 4);
    expect(r.chance_to_win).toBeCloseTo(0.98994, 3);
    expect(r.risk_control - r.risk_treatment).toBeCloseTo(0.29, 10);
    const lower = bayesianCompare('mean', c, t, false);
    expect(lower.chance_to_win).toBeCloseTo(1 - r.chance_to_win, 10);
  });
});
