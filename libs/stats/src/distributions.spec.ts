import {
  chiSquareQuantile,
  chiSquareUpper,
  fQuantile,
  fUpper,
  normalCdf,
  normalQuantile,
  normalTwoSided,
  normalUpper,
  tQuantile,
  tTwoSided,
  tUpper,
} from './distributions';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('normal', () => {
  it('matches table values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
    expect(normalTwoSided(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 11);
  });

  it('keeps relative precision deep in the tail', () => {
    // P(Z > 10) = 7.6198530241605e-24 (A&S 26.2 / R pnorm(10, lower=FALSE)).
    expect(rel(normalUpper(10), 7.6198530241605e-24)).toBeLessThan(1e-10);
    expect(rel(normalUpper(-3), 0.99865010196837)).toBeLessThan(1e-12);
  });
});

describe('Student t', () => {
  it('df = 1 is Cauchy: P(|T| > t) = 1 − 2 atan(t)/π', () => {
    for (const t of [0.3, 1, 4, 100]) {
      expect(rel(tTwoSided(t, 1), 1 - (2 * Math.atan(t)) / Math.PI)).toBeLessThan(1e-10);
    }
  });

  it('df = 2 closed form: P(|T| > t) = 1 − t/√(2 + t²)', () => {
    for (const t of [0.5, 2, 10]) {
      expect(rel(tTwoSided(t, 2), 1 - t / Math.sqrt(2 + t * t))).toBeLessThan(1e-10);
    }
  });

  it('matches textbook critical values', () => {
    expect(tTwoSided(2.228, 10)).toBeCloseTo(0.05, 4);
    expect(tUpper(2.015, 5)).toBeCloseTo(0.05, 4);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.228138852, 9);
    expect(tQuantile(0.995, 20)).toBeCloseTo(2.845339707, 8);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.228138852, 9);
    expect(tUpper(-2.228138852, 10)).toBeCloseTo(0.975, 9);
    expect(tTwoSided(1.5, Infinity)).toBeCloseTo(normalTwoSided(1.5), 14);
  });

  it('throws on invalid degrees of freedom', () => {
    expect(() => tTwoSided(1, 0)).toThrow(/degrees of freedom/);
  });
});

describe('chi-square', () => {
  it('df = 2 is exponential: P(χ² > x) = exp(−x/2)', () => {
    for (const x of [0.1, 3, 40, 200]) {
      expect(rel(chiSquareUpper(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-12);
    }
  });

  it('even df closed form Q(k, x/2) = e^{−x/2} Σ_{j<k} (x/2)^j / j!', () => {
    const closed = (x: number, df: number): number => {
      let term = 1;
      let s = 1;
      for (let j = 1; j < df / 2; j++) {
        term *= x / 2 / j;
        s += term;
      }
      return Math.exp(-x / 2) * s;
    };
    expect(rel(chiSquareUpper(100, 10), closed(100, 10))).toBeLessThan(1e-10);
    expect(rel(chiSquareUpper(5, 10), closed(5, 10))).toBeLessThan(1e-12);
  });

  it('matches table critical values', () => {
    expect(chiSquareUpper(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpper(11.07, 5)).toBeCloseTo(0.05, 4);
    expect(chiSquareUpper(6.635, 1)).toBeCloseTo(0.01, 4);
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841458821, 8);
    expect(chiSquareQuantile(0.95, 10)).toBeCloseTo(18.30703805, 7);
    expect(chiSquareUpper(0, 3)).toBe(1);
  });
});

describe('F', () => {
  it('F(1, ν) = T²_ν', () => {
    expect(rel(fUpper(2.5 * 2.5, 1, 7), tTwoSided(2.5, 7))).toBeLessThan(1e-10);
  });

  it('F(2, ν) closed form: P(F > f) = (1 + 2f/ν)^(−ν/2)', () => {
    expect(rel(fUpper(3, 2, 9), Math.pow(1 + 6 / 9, -4.5))).toBeLessThan(1e-10);
  });

  it('matches table critical values', () => {
    expect(fUpper(3.708, 3, 10)).toBeCloseTo(0.05, 4);
    expect(fUpper(2.711, 5, 20)).toBeCloseTo(0.05, 4);
    expect(fUpper(6.927, 2, 12)).toBeCloseTo(0.01, 4);
    expect(fQuantile(0.95, 3, 10)).toBeCloseTo(3.708264819, 7);
    expect(fUpper(0, 2, 3)).toBe(1);
  });
});
