import {
  createRng,
  createRngFromState,
  hashSeed,
  resampleIndices,
  sampleWithReplacement,
  sampleWithoutReplacement,
  shuffle,
} from './rng';

describe('xoshiro128**', () => {
  it('reproduces the reference output for state {1, 2, 3, 4}', () => {
    // Hand-traced from the reference C code (prng.di.unimi.it/xoshiro128starstar.c):
    // out1 = rotl(2*5, 7)*9 = 11520; state -> {7, 0, 1026, 12288}; out2 = 0;
    // state -> {12295, 1029, 1026, 25165824}; out3 = rotl(1029*5, 7)*9 = 5927040.
    const rng = createRngFromState([1, 2, 3, 4]);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
    expect(createRng('exp-1').uniform()).toBe(createRng(hashSeed('exp-1')).uniform());
  });

  it('rejects an all-zero state and non-finite seeds', () => {
    expect(() => createRngFromState([0, 0, 0, 0])).toThrow(/all zero/);
    expect(() => createRng(NaN)).toThrow(/finite/);
  });

  it('uniform has mean 1/2 and variance 1/12 within sampling error', () => {
    const rng = createRng(7);
    const n = 200000;
    let s = 0;
    let s2 = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outOfRange++;
      s += u;
      s2 += u * u;
    }
    expect(outOfRange).toBe(0);
    const m = s / n;
    // SE of the mean = sqrt(1/12/n) ~ 6.5e-4; allow 5 SE.
    expect(Math.abs(m - 0.5)).toBeLessThan(3.3e-3);
    expect(Math.abs(s2 / n - m * m - 1 / 12)).toBeLessThan(2e-3);
  });

  it('normal has mean 0, sd 1 and ~95% within ±1.96', () => {
    const rng = createRng(11);
    const n = 200000;
    let s = 0;
    let s2 = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) < 1.959964) inside++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.012); // 5 SE
    expect(Math.abs(Math.sqrt(s2 / n) - 1)).toBeLessThan(0.01);
    expect(Math.abs(inside / n - 0.95)).toBeLessThan(0.003); // SE 4.9e-4
    expect(createRng(3).normal(10, 0)).toBe(10);
  });

  it('int is unbiased over a non-power-of-two range', () => {
    const rng = createRng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[rng.int(3)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
    expect(() => rng.int(0)).toThrow(RangeError);
  });
});

describe('sampling helpers', () => {
  it('shuffle returns a permutation and leaves the input untouched', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = shuffle(createRng(1), items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(out.slice().sort((a, b) => a - b)).toEqual(items);
    expect(out).not.toEqual(items);
    expect(shuffle(createRng(1), items)).toEqual(out);
  });

  it('shuffle puts each item first with equal probability', () => {
    const rng = createRng(99);
    const first = [0, 0, 0, 0];
    for (let i = 0; i < 20000; i++) first[shuffle(rng, [0, 1, 2, 3])[0]]++;
    for (const c of first) expect(Math.abs(c - 5000)).toBeLessThan(300);
  });

  it('sampleWithoutReplacement draws distinct items', () => {
    const out = sampleWithoutReplacement(createRng(2), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4);
    expect(out).toHaveLength(4);
    expect(new Set(out).size).toBe(4);
    expect(() => sampleWithoutReplacement(createRng(2), [1, 2], 3)).toThrow(RangeError);
  });

  it('sampleWithReplacement and resampleIndices stay in range', () => {
    const rng = createRng(3);
    const s = sampleWithReplacement(rng, ['a', 'b'], 50);
    expect(s).toHaveLength(50);
    expect(new Set(s)).toEqual(new Set(['a', 'b']));
    const idx = resampleIndices(rng, 10);
    expect(idx.every((i) => Number.isInteger(i) && i >= 0 && i < 10)).toBe(true);
    expect(() => sampleWithReplacement(rng, [], 1)).toThrow(RangeError);
  });
});
