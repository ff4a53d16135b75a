import { logGamma, normalCdf, normalQuantile, regularizedGammaQ } from './special';

describe('special functions', () => {
  it('normal CDF and quantile match the table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
  });

  it('log-gamma matches factorials and Γ(½) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
  });

  it('Q(1, x) = e^(−x) on both evaluation branches', () => {
    expect(regularizedGammaQ(1, 0.5)).toBeCloseTo(Math.exp(-0.5), 12);
    expect(regularizedGammaQ(1, 5)).toBeCloseTo(Math.exp(-5), 12);
    expect(regularizedGammaQ(3, 0)).toBe(1);
  });
});
