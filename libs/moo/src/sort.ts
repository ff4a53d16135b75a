/**
 * NSGA-II's ranking (Deb, Pratap, Agarwal & Meyarivan, "A fast and elitist multiobjective
 * genetic algorithm: NSGA-II", IEEE TEC 6(2), 2002): fast non-dominated sort (section III-A)
 * under constrained domination (section VI) and crowding distance (section III-B). All
 * objectives here are minimised.
 */

/** An individual as the sorter sees it: minimised objectives and total violation. */
export interface Ranked {
  readonly f: Float64Array;
  readonly violation: number;
}

/**
 * Constrained domination: a feasible solution beats an infeasible one, of two infeasible
 * the smaller violation wins, of two feasible Pareto domination decides.
 */
export function constrainedDominates(a: Ranked, b: Ranked): boolean {
  if (a.violation > 0 || b.violation > 0) return a.violation < b.violation;
  return dominates(a.f, b.f);
}

/** Pareto domination for minimisation: no worse in every objective, better in one. */
export function dominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let better = false;
  for (let m = 0; m < a.length; m++) {
    if (a[m] > b[m]) return false;
    if (a[m] < b[m]) better = true;
  }
  return better;
}

/** Fronts of indices into `pop`, best first; O(M N^2). */
export function fastNonDominatedSort(pop: readonly Ranked[]): number[][] {
  const n = pop.length;
  const dominatedBy: number[][] = Array.from({ length: n }, () => []);
  const count = new Int32Array(n);
  const fronts: number[][] = [[]];
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if (constrainedDominates(pop[p], pop[q])) {
        dominatedBy[p].push(q);
        count[q]++;
      } else if (constrainedDominates(pop[q], pop[p])) {
        dominatedBy[q].push(p);
        count[p]++;
      }
    }
  }
  for (let p = 0; p < n; p++) if (count[p] === 0) fronts[0].push(p);
  for (let i = 0; fronts[i].length > 0; i++) {
    const next: number[] = [];
    for (const p of fronts[i]) {
      for (const q of dominatedBy[p]) if (--count[q] === 0) next.push(q);
    }
    fronts.push(next);
  }
  fronts.pop();
  return fronts;
}

/**
 * Crowding distance of each member of one front (same order as `front`): the boundary
 * solutions of every objective get Infinity so the extremes always survive.
 */
export function crowdingDistance(pop: readonly Ranked[], front: readonly number[]): Float64Array {
  const size = front.length;
  const distance = new Float64Array(size);
  if (size <= 2) return distance.fill(Infinity);
  const objectives = pop[front[0]].f.length;
  const order = Array.from({ length: size }, (_, i) => i);
  for (let m = 0; m < objectives; m++) {
    order.sort((a, b) => pop[front[a]].f[m] - pop[front[b]].f[m]);
    const lo = pop[front[order[0]]].f[m];
    const hi = pop[front[order[size - 1]]].f[m];
    distance[order[0]] = Infinity;
    distance[order[size - 1]] = Infinity;
    const range = hi - lo;
    if (range <= 0) continue;
    for (let k = 1; k < size - 1; k++) {
      distance[order[k]] += (pop[front[order[k + 1]]].f[m] - pop[front[order[k - 1]]].f[m]) / range;
    }
  }
  return distance;
}
