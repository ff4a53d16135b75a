import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { DEFAULT_FACTS_SETTINGS, factsSql } from './facts';

describe('factsSql', () => {
  it.each([Number.NaN, Infinity, -1, ...HOSTILE_STRINGS])(
    'refuses ghost_after_days %j, naming the setting, before any SQL is made',
    (value) => {
      const settings = { ghost_after_days: value as unknown as number };
      expect(() => factsSql(settings)).toThrow(
        /^ghost_after_days: must be a finite number of days >= 0, got /,
      );
    },
  );

  it('spells the ghosting threshold as whole days', () => {
    expect(factsSql({ ghost_after_days: 29.6 })).toContain('INTERVAL 30 DAY');
    expect(factsSql(DEFAULT_FACTS_SETTINGS)).toContain('INTERVAL 30 DAY');
  });
});
