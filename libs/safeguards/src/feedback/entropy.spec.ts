import { shannonEntropy } from './entropy';

describe('shannonEntropy', () => {
  it.each([
    [[1, 1], 1],
    [[3, 3, 3, 3], 2],
    [[2, 1, 1], 1.5], // −(.5 log .5 + 2 · .25 log .25) = .5 + 1
    [[7], 0],
    [[1, 0, 1], 1],
  ])('H(%j) = %f bits', (counts, bits) => {
    expect(shannonEntropy(counts)).toMatchObject({ status: 'ok', entropy_bits: bits });
  });

  it('counts only present categories', () => {
    expect(shannonEntropy([4, 0, 4, 0])).toMatchObject({ categories: 2, total: 8 });
  });

  it('returns reason codes for degenerate counts', () => {
    expect(shannonEntropy([])).toMatchObject({ status: 'degenerate', reason: 'empty_input' });
    expect(shannonEntropy([0, 0])).toMatchObject({ reason: 'empty_input' });
    expect(shannonEntropy([1, -1])).toMatchObject({ reason: 'invalid_value' });
  });
});
