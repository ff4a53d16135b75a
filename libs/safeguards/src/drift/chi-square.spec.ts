import { chiSquareTest, countCategories } from './chi-square';

describe('chiSquareTest (homogeneity)', () => {
  it('matches a hand-computed 2 × 3 table', () => {
    // column totals 50/60/90, rows 100 each → E = 25/30/45 per row
    // χ² = 2 (25/25 + 0 + 25/45) = 28/9, df = 2, p = e^(−14/9)
    const r = chiSquareTest({ a: 20, b: 30, c: 50 }, { a: 30, b: 30, c: 40 });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.statistic).toBeCloseTo(28 / 9, 12);
    expect(r.df).toBe(2);
    expect(r.p_value).toBeCloseTo(Math.exp(-14 / 9), 10);
    expect(r.p_value).toBeCloseTo(0.21107, 5);
    expect(r.low_expected_count).toBe(false);
  });

  it('treats missing categories as zero and drops all-zero ones', () => {
    const r = chiSquareTest({ a: 10, b: 10, z: 0 }, { a: 10, c: 10 });
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.categories).toEqual(['a', 'b', 'c']);
    // E = (10, 5, 5) per row; χ² = 2 (0 + 25/5 + 25/5) = 20
    expect(r.statistic).toBeCloseTo(20, 12);
    expect(r.df).toBe(2);
  });

  it('is 0 for proportional tables and flags small expected counts', () => {
    expect(chiSquareTest({ x: 1, y: 2 }, { x: 2, y: 4 })).toMatchObject({
      statistic: 0,
      p_value: 1,
      low_expected_count: true,
    });
  });

  it('is not fooled by prototype property names', () => {
    const r = chiSquareTest({ constructor: 5, toString: 5 }, { constructor: 5, valueOf: 5 });
    expect(r).toMatchObject({ status: 'ok', df: 2 });
  });

  it('returns reason codes for degenerate tables', () => {
    expect(chiSquareTest({ a: 5 }, { a: 7 })).toMatchObject({ reason: 'insufficient_data' });
    expect(chiSquareTest({}, { a: 1, b: 1 })).toMatchObject({ reason: 'empty_input' });
    expect(chiSquareTest({ a: -1, b: 1 }, { a: 1, b: 1 })).toMatchObject({
      reason: 'invalid_value',
    });
  });
});

describe('countCategories', () => {
  it('tallies labels', () => {
    expect(countCategories(['a', 'b', 'a', '__proto__'])).toEqual({ a: 2, b: 1, ['__proto__']: 1 });
  });
});
