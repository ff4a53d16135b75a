import { midranks } from './describe';

describe('midranks', () => {
  it('gives tied values the average of the ranks they span (known answer)', () => {
    // Sorted: 1 (rank 1), 2 (rank 2), 3 3 3 (ranks 3-5, mid-rank 4).
    expect(midranks([3, 1, 3, 2, 3])).toEqual([4, 1, 4, 2, 4]);
    expect(midranks([0.5, 0.5])).toEqual([1.5, 1.5]);
    expect(midranks([])).toEqual([]);
  });
});
