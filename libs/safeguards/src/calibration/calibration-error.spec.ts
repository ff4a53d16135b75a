import {
  calibrationError,
  expectedCalibrationError,
  maximumCalibrationError,
} from './calibration-error';
import { reliabilityTable } from './reliability';

const p = [0.1, 0.2, 0.3, 0.8];
const y = [0, 0, 1, 1];

describe('reliabilityTable', () => {
  it('builds equal-width bins, keeping empty ones', () => {
    const r = reliabilityTable(p, y, { bins: 4 });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.bins.map((b) => b.count)).toEqual([2, 1, 0, 1]);
    expect(r.bins[0]).toEqual({
      lo: 0,
      hi: 0.25,
      count: 2,
      mean_predicted: expect.closeTo(0.15, 12),
      observed_rate: 0,
    });
    expect(r.bins[2]).toMatchObject({
      lo: 0.5,
      hi: 0.75,
      mean_predicted: null,
      observed_rate: null,
    });
  });

  it('puts p = 1 in the last equal-width bin', () => {
    const r = reliabilityTable([1, 0], [1, 0], { bins: 2 });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.bins.map((b) => b.count)).toEqual([1, 1]);
  });

  it('builds equal-mass bins from sorted predictions', () => {
    const r = reliabilityTable([0.8, 0.3, 0.2, 0.1, 0.5], [1, 1, 0, 0, 1], {
      bins: 2,
      strategy: 'equal_mass',
    });
    if (r.status !== 'ok') throw new Error(r.message);
    // ⌊5/2⌋ = 2 lowest go first: {0.1, 0.2}, then {0.3, 0.5, 0.8}
    expect(r.bins.map((b) => [b.lo, b.hi, b.count])).toEqual([
      [0.1, 0.2, 2],
      [0.3, 0.8, 3],
    ]);
    expect(r.bins[1].observed_rate).toBe(1);
  });

  it('uses at most N equal-mass bins', () => {
    const r = reliabilityTable([0.2, 0.7], [0, 1], { bins: 10, strategy: 'equal_mass' });
    expect(r).toMatchObject({ status: 'ok' });
    if (r.status === 'ok') expect(r.bins).toHaveLength(2);
  });
});

describe('calibrationError', () => {
  it('matches hand-computed equal-width ECE and MCE', () => {
    // bin [0, .5): conf 0.2, acc 1/3, gap 2/15, weight 3/4; bin [.5, 1]: conf .8, acc 1, gap .2
    const r = calibrationError(p, y, { bins: 2 });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.ece).toBeCloseTo(0.75 * (2 / 15) + 0.25 * 0.2, 12);
    expect(r.ece).toBeCloseTo(0.15, 12);
    expect(r.mce).toBeCloseTo(0.2, 12);
  });

  it('matches hand-computed equal-mass ECE and MCE', () => {
    // {0.1, 0.2}: conf .15, acc 0; {0.3, 0.8}: conf .55, acc 1
    expect(expectedCalibrationError(p, y, { bins: 2, strategy: 'equal_mass' })).toMatchObject({
      ece: expect.closeTo(0.3, 12),
    });
    expect(maximumCalibrationError(p, y, { bins: 2, strategy: 'equal_mass' })).toMatchObject({
      mce: expect.closeTo(0.45, 12),
    });
  });

  it('is 0 for a calibrated forecast', () => {
    const r = calibrationError([0.5, 0.5, 0.5, 0.5], [1, 0, 0, 1]);
    expect(r).toMatchObject({ ece: 0, mce: 0 });
  });

  it('returns a reason code for degenerate input and throws on bad settings', () => {
    expect(calibrationError([], [])).toMatchObject({ status: 'degenerate', reason: 'empty_input' });
    expect(expectedCalibrationError([NaN], [1])).toMatchObject({ reason: 'invalid_value' });
    expect(() => calibrationError(p, y, { bins: 0 })).toThrow(RangeError);
  });
});
