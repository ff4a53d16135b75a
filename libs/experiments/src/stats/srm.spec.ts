import { sampleRatioMismatch } from './srm';

describe('sampleRatioMismatch', () => {
  // Closed form: X² = Σ (O − E)²/E; references from scipy.stats.chisquare.
  it('5100/4900 at 50/50: X² = 4, p = 0.0455, no mismatch', () => {
    const r = sampleRatioMismatch([5100, 4900], [0.5, 0.5]);
    expect(r.statistic).toBeCloseTo(4, 10);
    expect(r.p_value).toBeCloseTo(0.0455003, 6);
    expect(r.mismatch).toBe(false);
  });

  it('5300/4700 at 50/50: X² = 36, p = 1.97e-9, mismatch', () => {
    const r = sampleRatioMismatch([5300, 4700], [0.5, 0.5]);
    expect(r.statistic).toBeCloseTo(36, 10);
    expect(r.p_value / 1.9731753e-9).toBeCloseTo(1, 4);
    expect(r.mismatch).toBe(true);
  });

  it('uses the configured weights (3 variants, 34/33/33 observed at 1/3 each: X² = 2)', () => {
    const r = sampleRatioMismatch([3400, 3300, 3300], [1, 1, 1]);
    expect(r.statistic).toBeCloseTo(2, 10);
    expect(r.p_value).toBeCloseTo(0.3678794, 6);
    expect(sampleRatioMismatch([2000, 8000], [0.2, 0.8]).mismatch).toBe(false);
    expect(sampleRatioMismatch([2000, 8000], [0.5, 0.5]).mismatch).toBe(true);
  });

  it('has no verdict without data', () => {
    const r = sampleRatioMismatch([0, 0], [0.5, 0.5]);
    expect(r.mismatch).toBe(false);
    expect(Number.isNaN(r.p_value)).toBe(true);
  });
});
