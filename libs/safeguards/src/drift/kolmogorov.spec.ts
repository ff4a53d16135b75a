import { kolmogorovSurvival } from './kolmogorov';

/** The alternating series evaluated directly with many terms (independent of the theta branch). */
function directSeries(lambda: number): number {
  let s = 0;
  for (let k = 1; k <= 500; k++) s += (k % 2 ? 2 : -2) * Math.exp(-2 * k * k * lambda * lambda);
  return s;
}

describe('kolmogorovSurvival', () => {
  it('reproduces the classical critical values of the Kolmogorov distribution', () => {
    expect(kolmogorovSurvival(1.2238)).toBeCloseTo(0.1, 4);
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
    expect(kolmogorovSurvival(1.9495)).toBeCloseTo(0.001, 5);
  });

  it('matches 2(e^-2 − e^-8 + e^-18 − …) at λ = 1', () => {
    expect(kolmogorovSurvival(1)).toBeCloseTo(
      2 * (Math.exp(-2) - Math.exp(-8) + Math.exp(-18)),
      10,
    );
    expect(kolmogorovSurvival(1)).toBeCloseTo(0.27, 4);
  });

  it('agrees with the direct series below the branch point', () => {
    for (const lambda of [0.6, 0.8, 1.0, 1.17, 1.19]) {
      expect(kolmogorovSurvival(lambda)).toBeCloseTo(directSeries(lambda), 8);
    }
    // K(0.5) = 0.036055 (Smirnov's table), so Q(0.5) = 0.963945
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.963945, 5);
  });

  it('is 1 at λ ≤ 0 and decreases to 0', () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(0.2)).toBeCloseTo(1, 10);
    expect(kolmogorovSurvival(5)).toBeLessThan(1e-20);
  });
});
