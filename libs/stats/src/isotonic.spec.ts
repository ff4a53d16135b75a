import { isotonicFit, poolAdjacentViolators } from './isotonic';

describe('pool-adjacent-violators', () => {
  it("matches R's ?isoreg example: isoreg(c(1,0,4,3,3,5,4,2,0))$yf", () => {
    // Hand check: [1,0] → 0.5; 4,3,3 → 10/3; 5,4,2 → 11/3 > 10/3; then 0 pulls 5,4,2,0 to 2.75
    // below 10/3, so 4,3,3,5,4,2,0 pool to 21/7 = 3.
    expect(isotonicFit([1, 0, 4, 3, 3, 5, 4, 2, 0])).toEqual([0.5, 0.5, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('a hand-computed weighted example', () => {
    // y = 1, 3, 2, 4 with weights 1, 1, 3, 1: 3 and 2 violate and pool to (3 + 6)/4 = 2.25.
    const blocks = poolAdjacentViolators([1, 3, 2, 4], [1, 1, 3, 1]);
    expect(blocks).toEqual([
      { start: 0, end: 1, weight: 1, value: 1 },
      { start: 1, end: 3, weight: 4, value: 2.25 },
      { start: 3, end: 4, weight: 1, value: 4 },
    ]);
  });

  it('pools a violator with the block before it until the means are ordered (hand-computed)', () => {
    // [1, 2, 6, 2, 3, 5]: 6,2 pool to 4, then 3 < 4 pools 6,2,3 to 11/3; 5 > 11/3 stays.
    const f = isotonicFit([1, 2, 6, 2, 3, 5]);
    expect(f.slice(0, 2)).toEqual([1, 2]);
    f.slice(2, 5).forEach((v) => expect(v).toBeCloseTo(11 / 3, 12));
    expect(f[5]).toBe(5);
  });

  it('leaves a monotone sequence alone and refuses a non-positive weight, naming it', () => {
    expect(isotonicFit([0, 0.1, 0.1, 0.7])).toEqual([0, 0.1, 0.1, 0.7]);
    expect(() => poolAdjacentViolators([1, 2], [1, 0])).toThrow(/value 1 .*positive weight/);
  });
});
