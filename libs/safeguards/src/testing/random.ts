/** Seeded generators for the specs (not exported from the library index). */
import { mulberry32 } from '../internal/prng';

export { mulberry32 };

/** n draws from N(mu, sigma²) by Box-Muller on a seeded mulberry32 stream. */
export function normalSample(seed: number, n: number, mu = 0, sigma = 1): number[] {
  const rand = mulberry32(seed);
  const out: number[] = [];
  while (out.length < n) {
    const u1 = 1 - rand();
    const u2 = rand();
    const r = Math.sqrt(-2 * Math.log(u1));
    out.push(mu + sigma * r * Math.cos(2 * Math.PI * u2));
    if (out.length < n) out.push(mu + sigma * r * Math.sin(2 * Math.PI * u2));
  }
  return out;
}

/**
 * A 0/1 error stream: Bernoulli(p0) before `shiftAt`, Bernoulli(p1) from `shiftAt` on
 * (pass shiftAt >= length for a stream without a shift).
 */
export function bernoulliStream(
  seed: number,
  length: number,
  p0: number,
  p1 = p0,
  shiftAt = length,
): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length }, (_, t) => (rand() < (t < shiftAt ? p0 : p1) ? 1 : 0));
}

/** Categorical draws with the given weights (need not sum to 1). */
export function categoricalSample(
  seed: number,
  n: number,
  categories: readonly string[],
  weights: readonly number[],
): string[] {
  const rand = mulberry32(seed);
  const total = weights.reduce((s, w) => s + w, 0);
  return Array.from({ length: n }, () => {
    let u = rand() * total;
    for (let i = 0; i < categories.length; i++) {
      u -= weights[i];
      if (u < 0) return categories[i];
    }
    return categories[categories.length - 1];
  });
}
