/**
 * DBSCAN (Ester, Kriegel, Sander, Xu 1996): a point with at least `min_points` points within
 * `eps` (itself included, distance <= eps as in the paper) is a core point; clusters are the
 * core points reachable from one another plus the border points they reach; the rest is noise.
 * Written here rather than taken from `density-clustering` (unmaintained since 2017, and its
 * neighbour merging is cubic on dense data); the spec checks it against that package.
 */
export interface DbscanResult {
  /** Each cluster's point indices, ascending; clusters in order of their first core point. */
  readonly clusters: readonly (readonly number[])[];
  /** Indices in no cluster, ascending. */
  readonly noise: readonly number[];
}

export type Distance = (a: readonly number[], b: readonly number[]) => number;

/** Root-mean-square difference per coordinate: eps reads in the features' own unit. */
export const rmsDistance: Distance = (a, b) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum / Math.max(1, a.length));
};

const NONE = -1;

export function dbscan(
  points: readonly (readonly number[])[],
  eps: number,
  minPoints: number,
  distance: Distance = rmsDistance,
): DbscanResult {
  const n = points.length;
  const visited = new Uint8Array(n);
  const cluster = new Int32Array(n).fill(NONE);
  const neighbours = (i: number): number[] => {
    const out: number[] = [];
    for (let j = 0; j < n; j++) if (distance(points[i], points[j]) <= eps) out.push(j);
    return out;
  };
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (visited[i]) continue;
    visited[i] = 1;
    const seeds = neighbours(i);
    if (seeds.length < minPoints) continue; // noise unless a cluster reaches it later
    const c = count++;
    cluster[i] = c;
    const queued = new Uint8Array(n);
    const queue: number[] = [];
    const push = (js: readonly number[]) => {
      for (const j of js) {
        if (queued[j] || j === i) continue;
        queued[j] = 1;
        queue.push(j);
      }
    };
    push(seeds);
    for (let q = 0; q < queue.length; q++) {
      const j = queue[q];
      if (cluster[j] === NONE) cluster[j] = c;
      if (visited[j]) continue;
      visited[j] = 1;
      const more = neighbours(j);
      if (more.length >= minPoints) push(more);
    }
  }
  const clusters: number[][] = Array.from({ length: count }, () => []);
  const noise: number[] = [];
  for (let i = 0; i < n; i++) (cluster[i] === NONE ? noise : clusters[cluster[i]]).push(i);
  return Object.freeze({ clusters, noise });
}
