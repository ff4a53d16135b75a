import { brierScore } from './brier';

describe('brierScore', () => {
  it('matches a hand-computed vector', () => {
    // (0.1² + 0.2² + 0.6² + 0.6²) / 4 = 0.77 / 4
    const r = brierScore([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 1]);
    expect(r).toEqual({ status: 'ok', brier: expect.closeTo(0.1925, 12), n: 4 });
  });

  it('is 0 for perfect forecasts and 0.25 for a constant 0.5', () => {
    expect(brierScore([1, 0, 1], [1, 0, 1])).toMatchObject({ brier: 0 });
    expect(brierScore([0.5, 0.5], [1, 0])).toMatchObject({ brier: 0.25 });
  });

  it('returns reason codes for degenerate input', () => {
    expect(brierScore([], [])).toMatchObject({ status: 'degenerate', reason: 'empty_input' });
    expect(brierScore([0.1], [1, 0])).toMatchObject({ reason: 'length_mismatch' });
    expect(brierScore([1.2], [1])).toMatchObject({ reason: 'invalid_value' });
    expect(brierScore([0.2], [2])).toMatchObject({ reason: 'invalid_value' });
  });
});
