import { DBSCAN } from 'density-clustering';
import { dbscan, rmsDistance } from './dbscan';

describe('dbscan', () => {
  it('finds the worked example: two dense groups, a border point and an outlier', () => {
    // In one dimension, eps 1, min 3: 0,0.5,1 and 10,10.5,11 are cores; 2 is within 1 of
    // the core 1 but has only two neighbours (1, 2): a border point of the first cluster;
    // 20 is alone: noise.
    const xs = [0, 0.5, 1, 2, 10, 10.5, 11, 20].map((x) => [x]);
    const r = dbscan(xs, 1, 3, (a, b) => Math.abs(a[0] - b[0]));
    expect(r.clusters).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
    ]);
    expect(r.noise).toEqual([7]);
  });

  it('counts a point at exactly eps as a neighbour (the paper: dist <= eps)', () => {
    const r = dbscan([[0], [1], [2]], 1, 2, (a, b) => Math.abs(a[0] - b[0]));
    expect(r.clusters).toEqual([[0, 1, 2]]);
  });

  it('agrees with density-clustering on random data (no ties, so < and <= agree)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const centres = [
      [0.2, 0.2, 0.8],
      [0.8, 0.7, 0.1],
      [0.5, 0.9, 0.5],
    ];
    const points = Array.from({ length: 400 }, (_, i) =>
      i % 10 === 9
        ? [rand(), rand(), rand()]
        : centres[i % 3].map((c) => c + (rand() - 0.5) * 0.25),
    );
    const ours = dbscan(points, 0.08, 10);
    const theirs = new DBSCAN().run(points, 0.08, 10, (a, b) => rmsDistance(a, b));
    const norm = (cs: readonly (readonly number[])[]) =>
      cs.map((c) => [...c].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);
    expect(norm(ours.clusters)).toEqual(norm(theirs));
    expect(ours.clusters.length).toBe(3);
    expect(ours.noise.length).toBeGreaterThan(0);
  });
});
