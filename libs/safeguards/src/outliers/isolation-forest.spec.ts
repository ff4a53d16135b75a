import { normalSample } from '../testing/random';
import { averagePathLength, fitIsolationForest, scoreIsolationForest } from './isolation-forest';

function cloud(seed: number, n: number): number[][] {
  const xs = normalSample(seed, 2 * n);
  return Array.from({ length: n }, (_, i) => [xs[2 * i], xs[2 * i + 1]]);
}

describe('averagePathLength c(n)', () => {
  it('matches hand values and the paper approximation for large n', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1); // 2 H(1) − 1
    expect(averagePathLength(3)).toBeCloseTo(2 * 1.5 - 4 / 3, 12);
    const paper = (n: number): number => 2 * (Math.log(n - 1) + 0.5772156649) - (2 * (n - 1)) / n;
    expect(averagePathLength(256)).toBeCloseTo(paper(256), 2);
    expect(averagePathLength(256)).toBeCloseTo(10.2487, 3);
    expect(averagePathLength(5000)).toBeCloseTo(paper(5000), 3);
  });
});

describe('isolation forest', () => {
  const inliers = cloud(61, 300);
  const outlier = [6, -6];

  it('scores an obvious outlier above every inlier', () => {
    const fit = fitIsolationForest([...inliers, outlier], { seed: 7 });
    if (fit.status !== 'ok') throw new Error(fit.message);
    const r = scoreIsolationForest(fit.model, [...inliers, outlier]);
    if (r.status !== 'ok') throw new Error(r.message);
    const out = r.scores[r.scores.length - 1];
    const inlierScores = r.scores.slice(0, -1);
    expect(out).toBeGreaterThan(Math.max(...inlierScores));
    expect(out).toBeGreaterThan(0.65);
    const mean = inlierScores.reduce((s, v) => s + v, 0) / inlierScores.length;
    expect(mean).toBeLessThan(0.5);
    for (const v of r.scores) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('scores 0.5 when every row is identical (E[h] = c(ψ))', () => {
    const rows = Array.from({ length: 50 }, () => [1, 2]);
    const fit = fitIsolationForest(rows, { n_trees: 10 });
    if (fit.status !== 'ok') throw new Error(fit.message);
    expect(scoreIsolationForest(fit.model, [[1, 2]])).toMatchObject({
      scores: [expect.closeTo(0.5, 12)],
    });
  });

  it('is deterministic for a seed and honours the settings', () => {
    const a = fitIsolationForest(inliers, { seed: 3, n_trees: 20, sample_size: 64 });
    const b = fitIsolationForest(inliers, { seed: 3, n_trees: 20, sample_size: 64 });
    const c = fitIsolationForest(inliers, { seed: 4, n_trees: 20, sample_size: 64 });
    if (a.status !== 'ok' || b.status !== 'ok' || c.status !== 'ok') throw new Error('fit');
    expect(a.model.trees).toHaveLength(20);
    expect(a.model).toMatchObject({ sample_size: 64, max_depth: 6, dims: 2 });
    const probe = [
      [0, 0],
      [3, 3],
    ];
    expect(scoreIsolationForest(a.model, probe)).toEqual(scoreIsolationForest(b.model, probe));
    expect(scoreIsolationForest(a.model, probe)).not.toEqual(scoreIsolationForest(c.model, probe));
    expect(Object.isFrozen(a.model.settings)).toBe(true);
  });

  it('caps ψ at the number of rows', () => {
    const fit = fitIsolationForest(inliers.slice(0, 10));
    expect(fit).toMatchObject({ status: 'ok', model: { sample_size: 10, max_depth: 4 } });
  });

  it('returns reason codes for degenerate input and throws on bad settings', () => {
    expect(fitIsolationForest([])).toMatchObject({ reason: 'empty_input' });
    expect(fitIsolationForest([[1]])).toMatchObject({ reason: 'insufficient_data' });
    expect(fitIsolationForest([[1, 2], [3]])).toMatchObject({ reason: 'length_mismatch' });
    expect(fitIsolationForest([[1], [NaN]])).toMatchObject({ reason: 'invalid_value' });
    const fit = fitIsolationForest(inliers, { n_trees: 5 });
    if (fit.status !== 'ok') throw new Error(fit.message);
    expect(scoreIsolationForest(fit.model, [[1, 2, 3]])).toMatchObject({
      reason: 'length_mismatch',
    });
    expect(() => fitIsolationForest(inliers, { n_trees: 0 })).toThrow(RangeError);
    expect(() => fitIsolationForest(inliers, { sample_size: 1 })).toThrow(RangeError);
  });
});
