import { createRng } from '@hirelearn/stats';
import { sortedNumbers } from '../internal/describe';
import { featureDriftReport } from './feature-drift';
import { ksTwoSample } from './ks-test';
import { populationStabilityIndex } from './psi';

/**
 * Columns sorted once (Float64Array) give exactly the answers of plain arrays in any order:
 * the monitor sorts its training reference once per version and each window's column once
 * for both tests.
 */
describe('drift tests on presorted Float64Array columns', () => {
  const rng = createRng(11);
  const ref = Array.from({ length: 3000 }, () => rng.normal());
  const cur = Array.from({ length: 2000 }, () => 0.2 + rng.normal());

  it('sorts an unsorted column and keeps an ascending Float64Array as it is', () => {
    const once = sortedNumbers(ref);
    expect(Array.from(once)).toEqual([...ref].sort((a, b) => a - b));
    expect(sortedNumbers(once)).toBe(once);
    expect(sortedNumbers(Float64Array.of(2, 1))).toEqual(Float64Array.of(1, 2));
  });

  it('gives the same KS and PSI for sorted typed arrays as for the raw arrays', () => {
    const r = sortedNumbers(ref);
    const c = sortedNumbers(cur);
    expect(ksTwoSample(r, c)).toEqual(ksTwoSample(ref, cur));
    // The merge-walk histogram of sorted values equals the binary-search one.
    expect(populationStabilityIndex(r, c)).toEqual(populationStabilityIndex(ref, cur));
  });

  it('reports the same drift for Float64Array and array columns', () => {
    const plain = featureDriftReport({ x: ref, k: ['a', 'b'] }, { x: cur, k: ['a', 'a'] });
    const typed = featureDriftReport(
      { x: sortedNumbers(ref), k: ['a', 'b'] },
      { x: Float64Array.from(cur), k: ['a', 'a'] },
    );
    expect(typed).toEqual(plain);
    expect(plain.status === 'ok' && plain.features.map((f) => f.status)).toEqual(['ok', 'ok']);
  });
});
