import { defaultSimSettings } from './settings';

describe('defaultSimSettings', () => {
  it('ends at a fixed instant whatever the length, so every timestamp is in the past', () => {
    const year = defaultSimSettings({ months: 12 });
    expect(year.startDate).toBe('2025-01-01T00:00:00Z');
    expect(year.endDate).toBe('2026-01-01T00:00:00Z');
    expect(defaultSimSettings({ months: 24 }).startDate).toBe('2024-01-01T00:00:00Z');
  });

  it('moves the window when a start date is given', () => {
    const s = defaultSimSettings({ startDate: '2024-03-01T00:00:00Z', months: 2 });
    expect(s.endDate).toBe('2024-05-01T00:00:00Z');
  });

  it('merges nested overrides and freezes the result', () => {
    const s = defaultSimSettings({
      outcome: { modeJump: 0.1 },
      strategy: { improveThreshold: 55 },
    });
    expect(s.outcome.modeJump).toBe(0.1);
    expect(s.outcome.tailoringEffect).toBe(0.05);
    expect(s.strategy.aggressiveThreshold).toBe(80);
    expect(Object.isFrozen(s.outcome)).toBe(true);
    expect(Object.isFrozen(s.edits.types.added_keywords.propensity)).toBe(true);
  });

  it('records different current and true fit weights, each summing to 1', () => {
    const { currentWeights, trueWeights } = defaultSimSettings().fit;
    expect(currentWeights).toEqual({
      technical: 0.4,
      seniority: 0.2,
      experience: 0.2,
      signal: 0.2,
    });
    expect(trueWeights).not.toEqual(currentWeights);
  });

  it('refuses settings that cannot make a world', () => {
    expect(() => defaultSimSettings({ users: 0 })).toThrow(/users/);
    expect(() => defaultSimSettings({ months: 1.5 })).toThrow(/months/);
    expect(() => defaultSimSettings({ bad: -1 })).toThrow(/bad/);
    expect(() =>
      defaultSimSettings({
        fit: { trueWeights: { technical: 1, seniority: 1, experience: 0, signal: 0 } },
      }),
    ).toThrow(/trueWeights/);
  });
});

describe('defaultSimSettings: market change point', () => {
  it('sits halfway through the window unless placed explicitly', () => {
    expect(defaultSimSettings({ months: 12 }).market.changePoint.atMonth).toBe(6);
    expect(defaultSimSettings({ months: 4 }).market.changePoint.atMonth).toBe(2);
    const placed = defaultSimSettings({ months: 4, market: { changePoint: { atMonth: 3 } } });
    expect(placed.market.changePoint).toEqual({
      role: 'Data Scientist',
      atMonth: 3,
      multiplier: 0.5,
    });
  });
});
