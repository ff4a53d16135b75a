/**
 * mulberry32: a tiny seeded 32-bit PRNG (Tommy Ettinger), uniform on [0, 1).
 * Deterministic for a given seed; used by the isolation forest and test streams.
 */
// Module-level alias: global lookups of `Math` inside hot closures are ~50× slower under
// jest's vm sandbox.
const imul = Math.imul;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
