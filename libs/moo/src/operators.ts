/**
 * NSGA-II's variation operators on bounded real variables, as in Deb's reference C code
 * (nsga2-v1.1, Kanpur Genetic Algorithms Laboratory) that pymoo follows:
 * simulated binary crossover (Deb & Agrawal 1995, bounded form) and polynomial mutation
 * (Deb & Goyal 1996, the bounded form of nsga2-v1.1), plus binary tournament selection on the
 * crowded-comparison operator (Deb et al. 2002, section III-C).
 */
import type { Rng } from '@hirelearn/stats';

/** Smallest parent difference SBX acts on (identical variables are copied). */
const SBX_EPS = 1e-14;

/** SBX on one parent pair, in place on the two children (copies of the parents). */
export function sbx(
  rng: Rng,
  c1: Float64Array,
  c2: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  eta: number,
  variableProbability: number,
): void {
  for (let i = 0; i < c1.length; i++) {
    if (rng.uniform() > variableProbability) continue;
    const p1 = c1[i];
    const p2 = c2[i];
    if (Math.abs(p1 - p2) <= SBX_EPS) continue;
    const y1 = Math.min(p1, p2);
    const y2 = Math.max(p1, p2);
    const yl = lower[i];
    const yu = upper[i];
    const u = rng.uniform();
    const spread = (beta: number): number => {
      const alpha = 2 - Math.pow(beta, -(eta + 1));
      return u <= 1 / alpha
        ? Math.pow(u * alpha, 1 / (eta + 1))
        : Math.pow(1 / (2 - u * alpha), 1 / (eta + 1));
    };
    const bq1 = spread(1 + (2 * (y1 - yl)) / (y2 - y1));
    const bq2 = spread(1 + (2 * (yu - y2)) / (y2 - y1));
    let a = 0.5 * (y1 + y2 - bq1 * (y2 - y1));
    let b = 0.5 * (y1 + y2 + bq2 * (y2 - y1));
    a = Math.min(Math.max(a, yl), yu);
    b = Math.min(Math.max(b, yl), yu);
    if (rng.uniform() <= 0.5) {
      c1[i] = b;
      c2[i] = a;
    } else {
      c1[i] = a;
      c2[i] = b;
    }
  }
}

/** Polynomial mutation in place; each variable mutates with probability `probability`. */
export function polynomialMutation(
  rng: Rng,
  x: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  eta: number,
  probability: number,
): void {
  const power = 1 / (eta + 1);
  for (let i = 0; i < x.length; i++) {
    if (rng.uniform() > probability) continue;
    const yl = lower[i];
    const yu = upper[i];
    const span = yu - yl;
    if (span <= 0) continue;
    const y = x[i];
    const u = rng.uniform();
    let deltaq: number;
    if (u <= 0.5) {
      const xy = 1 - (y - yl) / span;
      const val = 2 * u + (1 - 2 * u) * Math.pow(xy, eta + 1);
      deltaq = Math.pow(val, power) - 1;
    } else {
      const xy = 1 - (yu - y) / span;
      const val = 2 * (1 - u) + 2 * (u - 0.5) * Math.pow(xy, eta + 1);
      deltaq = 1 - Math.pow(val, power);
    }
    x[i] = Math.min(Math.max(y + deltaq * span, yl), yu);
  }
}

/**
 * Binary tournament on the crowded-comparison operator: lower rank wins, then larger
 * crowding distance, then a coin flip. Returns the winner's index.
 */
export function binaryTournament(rng: Rng, rank: Int32Array, crowding: Float64Array): number {
  const n = rank.length;
  const a = rng.int(n);
  const b = rng.int(n);
  if (rank[a] !== rank[b]) return rank[a] < rank[b] ? a : b;
  if (crowding[a] !== crowding[b]) return crowding[a] > crowding[b] ? a : b;
  return rng.uniform() < 0.5 ? a : b;
}
