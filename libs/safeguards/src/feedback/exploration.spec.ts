import { explorationRate, explorationSettings } from './exploration';

describe('explorationRate', () => {
  it('injects nothing up to the tolerance', () => {
    expect(explorationRate(-0.2)).toBe(0);
    expect(explorationRate(0)).toBe(0);
    expect(explorationRate(0.05)).toBe(0);
    expect(explorationRate(NaN)).toBe(0);
  });

  it('starts at the base rate and scales linearly to the cap', () => {
    expect(explorationRate(0.0500001)).toBeCloseTo(0.1, 5);
    expect(explorationRate(0.175)).toBeCloseTo(0.2, 12);
    expect(explorationRate(0.3)).toBeCloseTo(0.3, 12);
    expect(explorationRate(0.9)).toBeCloseTo(0.3, 12);
  });

  it('honours custom settings', () => {
    expect(
      explorationRate(0.2, { base_rate: 0.05, max_rate: 0.5, tolerance: 0, saturation: 0.4 }),
    ).toBeCloseTo(0.05 + 0.45 * 0.5, 12);
  });

  it('freezes settings and rejects inconsistent ones', () => {
    expect(Object.isFrozen(explorationSettings())).toBe(true);
    expect(() => explorationSettings({ base_rate: 0.4 })).toThrow(RangeError);
    expect(() => explorationSettings({ tolerance: 0.3 })).toThrow(RangeError);
    expect(() => explorationSettings({ max_rate: 1 })).toThrow(RangeError);
  });
});
