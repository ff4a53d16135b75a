/**
 * Quality indicators of a found front, objectives minimised: exact two-objective
 * hypervolume (the area dominated by the front and bounded by a reference point; Zitzler &
 * Thiele 1998) and inverted generational distance (mean distance from each point of the
 * true front to the nearest found point; Coello & Reyes Sierra 2004).
 */
import { MooInputError } from './problem';

type Point = readonly number[];

/**
 * Exact hypervolume for two minimised objectives. Points not strictly better than the
 * reference in both objectives add nothing; dominated points are skipped by the sweep.
 */
export function hypervolume2d(
  points: readonly Point[],
  reference: readonly [number, number],
): number {
  const [r1, r2] = reference;
  const inside = points
    .filter((p) => {
      if (p.length !== 2)
        throw new MooInputError(`hypervolume2d: points must have 2 objectives, got ${p.length}`);
      return p[0] < r1 && p[1] < r2;
    })
    .slice()
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let area = 0;
  let ceiling = r2;
  for (const [f1, f2] of inside) {
    if (f2 >= ceiling) continue;
    area += (r1 - f1) * (ceiling - f2);
    ceiling = f2;
  }
  return area;
}

/** Inverted generational distance of `found` to the sampled `truth` (Euclidean). */
export function invertedGenerationalDistance(
  found: readonly Point[],
  truth: readonly Point[],
): number {
  if (found.length === 0 || truth.length === 0) return Infinity;
  let sum = 0;
  for (const t of truth) {
    let best = Infinity;
    for (const p of found) {
      let d = 0;
      for (let m = 0; m < t.length; m++) d += (t[m] - p[m]) ** 2;
      if (d < best) best = d;
    }
    sum += Math.sqrt(best);
  }
  return sum / truth.length;
}
