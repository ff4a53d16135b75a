/**
 * Seeded pseudo-random numbers for every reproducible computation in hirelearn.
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 2021; https://prng.di.unimi.it/xoshiro128starstar.c), 128-bit state,
 * period 2^128 - 1, seeded by expanding a 32-bit seed with splitmix32 so that nearby seeds
 * give unrelated streams and the all-zero state is impossible.
 *
 * uniform(): 32-bit output / 2^32, in [0, 1).
 * normal(): Box-Muller transform (Box & Muller 1958): z = sqrt(-2 ln u1) cos(2 pi u2), the
 *   paired sine variate is cached, so two uniforms yield two normals.
 */
export interface Rng {
  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal (or N(mean, sd^2)). */
  normal(mean?: number, sd?: number): number;
  /** Uniform integer in [0, n). Unbiased (rejection sampling). */
  int(n: number): number;
}

// Module-level aliases: global lookups are slow inside jest/vm sandboxes and these run per draw.
const imul = Math.imul;
const TWO32 = 4294967296;

/** splitmix32 step (a 32-bit variant of Steele, Lea & Flood's SplitMix). */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = imul(z ^ (z >>> 16), 0x85ebca6b);
  z = imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a 32-bit hash of a string, for deriving numeric seeds from names (e.g. "exp-42/boot"). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Creates an xoshiro128** generator from a numeric (integer part used) or string seed. */
export function createRng(seed: number | string): Rng {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`createRng: seed must be finite, got ${seed}`);
  }
  const numeric = typeof seed === 'string' ? hashSeed(seed) : Math.trunc(seed) >>> 0;
  const sm = { s: numeric | 0 };
  return createRngFromState([splitmix32(sm), splitmix32(sm), splitmix32(sm), splitmix32(sm)]);
}

/**
 * xoshiro128** from an explicit 128-bit state (four uint32 words, not all zero). Mostly for
 * reproducing published test vectors; use `createRng` for normal work.
 */
export function createRngFromState(state: readonly [number, number, number, number]): Rng {
  let [a, b, c, d] = state.map((w) => w >>> 0);
  if ((a | b | c | d) === 0) throw new RangeError('createRngFromState: state must not be all zero');
  let spare: number | null = null;

  const nextUint32 = (): number => {
    const t = b << 9;
    let r = imul(b, 5);
    r = imul((r << 7) | (r >>> 25), 9);
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return r >>> 0;
  };
  const uniform = (): number => nextUint32() / TWO32;
  const normal = (mean = 0, sd = 1): number => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return mean + sd * z;
    }
    let u1 = uniform();
    while (u1 === 0) u1 = uniform();
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return mean + sd * r * Math.cos(2 * Math.PI * u2);
  };
  const int = (n: number): number => {
    if (!(n > 0 && n <= TWO32 && n % 1 === 0)) {
      throw new RangeError(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Reject the top partial block so every residue is equally likely.
    const limit = TWO32 - (TWO32 % n);
    let x = nextUint32();
    while (x >= limit) x = nextUint32();
    return x % n;
  };
  return { nextUint32, uniform, normal, int };
}

/** Fisher-Yates (Durstenfeld) shuffle; returns a new array, input untouched. */
export function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

/** k items without replacement (partial Fisher-Yates), in sampled order. */
export function sampleWithoutReplacement<T>(rng: Rng, items: readonly T[], k: number): T[] {
  if (!Number.isInteger(k) || k < 0 || k > items.length) {
    throw new RangeError(`sampleWithoutReplacement: k must be an integer in [0, ${items.length}]`);
  }
  const pool = items.slice();
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, k);
}

/** k items with replacement. */
export function sampleWithReplacement<T>(rng: Rng, items: readonly T[], k: number): T[] {
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`sampleWithReplacement: k must be a non-negative integer, got ${k}`);
  }
  if (k > 0 && items.length === 0) {
    throw new RangeError('sampleWithReplacement: cannot sample from an empty array');
  }
  const out: T[] = new Array<T>(k);
  for (let i = 0; i < k; i++) out[i] = items[rng.int(items.length)];
  return out;
}

/** n indices drawn uniformly with replacement from [0, n) — one bootstrap resample. */
export function resampleIndices(rng: Rng, n: number): number[] {
  const out: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(n);
  return out;
}
