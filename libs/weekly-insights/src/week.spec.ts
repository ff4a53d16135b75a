import { isoWeekOf, isoWeeksInYear, parseIsoWeek, shiftWeek } from './week';

const ok = (text: string) => {
  const w = parseIsoWeek(text);
  if (w.status !== 'ok') throw new Error(w.reason);
  return w.week;
};

describe('ISO weeks', () => {
  it('starts week 1 on the Monday of the week holding 4 January (known answers)', () => {
    // 2025-01-01 is a Wednesday: week 1 starts Monday 2024-12-30.
    expect(ok('2025-W01')).toMatchObject({
      start: '2024-12-30 00:00:00',
      end: '2025-01-06 00:00:00',
    });
    // 2021-01-01 is a Friday: it belongs to 2020-W53; 2021-W01 starts 2021-01-04.
    expect(ok('2021-W01').start).toBe('2021-01-04 00:00:00');
    expect(isoWeekOf(new Date('2021-01-03T23:59:59Z')).label).toBe('2020-W53');
    expect(isoWeekOf(new Date('2024-12-31T12:00:00Z')).label).toBe('2025-W01');
    expect(ok('2025-W40')).toMatchObject({
      start: '2025-09-29 00:00:00',
      end: '2025-10-06 00:00:00',
    });
  });

  it('knows which years have 53 weeks', () => {
    expect([2015, 2020, 2026].map(isoWeeksInYear)).toEqual([53, 53, 53]);
    expect([2021, 2024, 2025].map(isoWeeksInYear)).toEqual([52, 52, 52]);
    expect(ok('2020-W53').end).toBe('2021-01-04 00:00:00');
  });

  it('refuses a malformed week naming the rule', () => {
    for (const bad of ['2025-13', '2025-W1', 'W10', '2025W10', '2025-w10', '', '2025-W10x']) {
      const w = parseIsoWeek(bad);
      expect(w.status).toBe('invalid_week');
      if (w.status === 'invalid_week') expect(w.reason).toMatch(/use YYYY-Www, e\.g\. 2025-W07/);
    }
    const w53 = parseIsoWeek('2025-W53');
    expect(w53).toEqual({
      status: 'invalid_week',
      reason: "week '2025-W53': 2025 has ISO weeks W01 to W52",
    });
    expect(parseIsoWeek('2025-W00').status).toBe('invalid_week');
  });

  it('moves by whole weeks across years', () => {
    expect(shiftWeek(ok('2025-W01'), -1).label).toBe('2024-W52');
    expect(shiftWeek(ok('2020-W53'), 1).label).toBe('2021-W01');
    expect(shiftWeek(ok('2025-W10'), -12).label).toBe('2024-W50');
  });
});
