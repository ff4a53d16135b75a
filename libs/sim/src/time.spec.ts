import { hourOf, iso, weekdayOf } from './time';

describe('iso', () => {
  it('formats like Date#toISOString without milliseconds, flooring to the second', () => {
    for (const ms of [0, 1735689600000, 1735689600999, 1767225599000, 951782400000 + 86_399_500]) {
      expect(iso(ms)).toBe(
        new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      );
    }
  });
});

describe('weekdayOf and hourOf', () => {
  it('agree with Date for instants across years', () => {
    for (let ms = 1704067200000; ms < 1767225600000; ms += 7_777_777) {
      const d = new Date(ms);
      expect([weekdayOf(ms), hourOf(ms)]).toEqual([d.getUTCDay(), d.getUTCHours()]);
    }
  });
});
