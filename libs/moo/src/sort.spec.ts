import { constrainedDominates, crowdingDistance, dominates, fastNonDominatedSort } from './sort';

const ind = (f: number[], violation = 0) => ({ f: Float64Array.from(f), violation });

describe('fast non-dominated sort (Deb et al. 2002, III-A)', () => {
  it('peels fronts in order and puts equal points in the same front', () => {
    const pop = [
      ind([1, 5]),
      ind([2, 2]),
      ind([5, 1]),
      ind([3, 3]),
      ind([4, 4]),
      ind([2, 2]),
      ind([6, 6]),
    ];
    expect(fastNonDominatedSort(pop)).toEqual([[0, 1, 2, 5], [3], [4], [6]]);
  });

  it('ranks every feasible point before any infeasible one, infeasible by violation', () => {
    const pop = [ind([0, 0], 2), ind([9, 9]), ind([0, 0], 1), ind([8, 10])];
    expect(fastNonDominatedSort(pop)).toEqual([[1, 3], [2], [0]]);
    expect(constrainedDominates(ind([9, 9]), ind([0, 0], 0.1))).toBe(true);
    expect(dominates([1, 1], [1, 1])).toBe(false);
  });
});

describe('crowding distance (III-B)', () => {
  it('gives the extremes Infinity and interior points the normalised side sum', () => {
    const pop = [ind([0, 4]), ind([1, 3]), ind([3, 1]), ind([4, 0])];
    const d = crowdingDistance(pop, [0, 1, 2, 3]);
    expect(d[0]).toBe(Infinity);
    expect(d[3]).toBe(Infinity);
    // point 1: (3 - 0)/4 in f1 + (4 - 1)/4 in f2
    expect(d[1]).toBeCloseTo(1.5, 12);
    expect(d[2]).toBeCloseTo(1.5, 12);
  });
});
