import { normalSample } from '../testing/random';
import { populationStabilityIndex, psiFromCounts, psiSeverity } from './psi';

describe('populationStabilityIndex', () => {
  it('is 0 for identical distributions', () => {
    const x = normalSample(7, 1000);
    const r = populationStabilityIndex(x, [...x].reverse());
    expect(r).toMatchObject({ status: 'ok', psi: 0, severity: 'none' });
    if (r.status === 'ok') expect(r.bins).toHaveLength(10);
  });

  it('matches a hand-computed two-bin case on reference-median bins', () => {
    // edge = median(1,2,3,4) = 2.5; reference {2, 2}, current {1, 3}
    // PSI = (.25 − .5) ln(.25/.5) + (.75 − .5) ln(.75/.5) = .25 ln 2 + .25 ln 1.5
    const r = populationStabilityIndex([1, 2, 3, 4], [1, 3, 4, 4], { bins: 2 });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.psi).toBeCloseTo(0.25 * Math.LN2 + 0.25 * Math.log(1.5), 12);
    expect(r.psi).toBeCloseTo(0.27465, 5);
    expect(r.severity).toBe('major');
    expect(r.bins.map((b) => [b.lo, b.hi, b.reference_fraction, b.current_fraction])).toEqual([
      [-Infinity, 2.5, 0.5, 0.25],
      [2.5, Infinity, 0.5, 0.75],
    ]);
  });

  it('grows with the size of a mean shift', () => {
    const ref = normalSample(8, 5000);
    const psi = (shift: number): number => {
      const r = populationStabilityIndex(ref, normalSample(9, 5000, shift));
      return r.status === 'ok' ? r.psi : NaN;
    };
    expect(psi(0)).toBeLessThan(0.1);
    expect(psi(1)).toBeGreaterThan(0.25);
    expect(psi(0.5)).toBeGreaterThan(psi(0.2));
  });

  it('collapses tied quantile edges into fewer bins', () => {
    const r = populationStabilityIndex([0, 0, 0, 0, 0, 0, 0, 0, 1, 2], [0, 1, 2]);
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.bins.length).toBeLessThan(10);
    expect(r.bins.reduce((s, b) => s + b.reference_fraction, 0)).toBeCloseTo(1, 12);
  });

  it('returns reason codes for degenerate input', () => {
    expect(populationStabilityIndex([], [1])).toMatchObject({ reason: 'empty_input' });
    expect(populationStabilityIndex([1], [Infinity])).toMatchObject({ reason: 'invalid_value' });
    expect(() => populationStabilityIndex([1], [1], { bins: 0 })).toThrow(RangeError);
  });
});

describe('psiFromCounts', () => {
  it('matches a hand-computed case', () => {
    // (.4 − .5) ln .8 + (.6 − .5) ln 1.2
    const r = psiFromCounts([50, 50], [40, 60]);
    expect(r).toMatchObject({
      psi: expect.closeTo(-0.1 * Math.log(0.8) + 0.1 * Math.log(1.2), 12),
      severity: 'none',
    });
  });

  it('floors empty fractions at epsilon', () => {
    // e = (1, 1e-4), a = (.5, .5)
    const expected = (0.5 - 1) * Math.log(0.5) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4);
    expect(psiFromCounts([10, 0], [5, 5])).toMatchObject({ psi: expect.closeTo(expected, 10) });
  });

  it('rejects mismatched or negative counts', () => {
    expect(psiFromCounts([1, 2], [1])).toMatchObject({ reason: 'length_mismatch' });
    expect(psiFromCounts([1, -2], [1, 1])).toMatchObject({ reason: 'invalid_value' });
    expect(psiFromCounts([0, 0], [1, 1])).toMatchObject({ reason: 'empty_input' });
  });
});

describe('psiSeverity', () => {
  it('applies the 0.1 / 0.25 rule of thumb', () => {
    expect(psiSeverity(0.0999)).toBe('none');
    expect(psiSeverity(0.1)).toBe('moderate');
    expect(psiSeverity(0.25)).toBe('moderate');
    expect(psiSeverity(0.2501)).toBe('major');
  });
});
