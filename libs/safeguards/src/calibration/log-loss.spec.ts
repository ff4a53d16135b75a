import { logLoss } from './log-loss';

describe('logLoss', () => {
  it('matches a hand-computed vector', () => {
    // −(ln 0.9 + ln 0.8 + ln 0.4 + ln 0.4) / 4
    const expected = -(Math.log(0.9) + Math.log(0.8) + 2 * Math.log(0.4)) / 4;
    expect(expected).toBeCloseTo(0.5402714, 6);
    const r = logLoss([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 1]);
    expect(r).toMatchObject({ status: 'ok', n: 4 });
    if (r.status === 'ok') expect(r.log_loss).toBeCloseTo(expected, 12);
  });

  it('clips confident misses to −ln(eps) instead of Infinity', () => {
    const r = logLoss([0], [1]);
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.log_loss).toBeCloseTo(-Math.log(1e-15), 9);
    // 1 − (1 − 1e-15) is 9.99e-16 in doubles, so the other side is close but not exact.
    expect(logLoss([1], [0])).toMatchObject({ log_loss: expect.closeTo(34.54, 2) });
    const wide = logLoss([0, 1], [1, 0], { eps: 1e-3 });
    if (wide.status !== 'ok') throw new Error(wide.message);
    expect(wide.log_loss).toBeCloseTo(-Math.log(1e-3), 9);
  });

  it('is ln 2 for a constant 0.5 forecast', () => {
    const r = logLoss([0.5, 0.5, 0.5], [1, 0, 1]);
    expect(r).toMatchObject({ log_loss: expect.closeTo(Math.LN2, 12) });
  });

  it('rejects bad settings and flags degenerate input', () => {
    expect(() => logLoss([0.5], [1], { eps: 0 })).toThrow(RangeError);
    expect(logLoss([], [])).toMatchObject({ status: 'degenerate', reason: 'empty_input' });
  });
});
