import { benjaminiHochberg, bonferroni } from './multiple';

// Benjamini & Hochberg (1995), §4 example: 15 p-values from a myocardial infarction study.
const BH_P = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
  0.6528, 0.759, 1.0,
];

describe('benjaminiHochberg', () => {
  it('reproduces the 1995 example: 4 discoveries at q = 0.05 (Bonferroni: 3)', () => {
    const q = benjaminiHochberg(BH_P);
    expect(q.filter((v) => v <= 0.05)).toHaveLength(4);
    expect(bonferroni(BH_P).filter((v) => v <= 0.05)).toHaveLength(3);
  });

  it('q-values equal R p.adjust(p, "BH")', () => {
    // q_(i) = min_{j ≥ i} 15 p_(j) / j, e.g. q_6 = min(.0695, .063857, .0645, ...) = .063857.
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571, 0.0638571428571, 0.0645, 0.0765,
      0.486, 0.581181818182, 0.714875, 0.753230769231, 0.813214285714, 1,
    ];
    benjaminiHochberg(BH_P).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
  });

  it('keeps the input order and is monotone in p', () => {
    const shuffled = [0.4262, 0.0001, 1.0, 0.0298, 0.0095];
    const q = benjaminiHochberg(shuffled);
    // sorted: .0001 (5·.0001/1), .0095 (5·.0095/2), .0298 (5·.0298/3), .4262 (5·.4262/4), 1.
    expect(q).toEqual(
      [0.53275, 0.0005, 1, 0.0496666666667, 0.02375].map((v) => expect.closeTo(v, 10)),
    );
    const order = shuffled.map((_, i) => i).sort((a, b) => shuffled[a] - shuffled[b]);
    for (let r = 1; r < order.length; r++)
      expect(q[order[r]]).toBeGreaterThanOrEqual(q[order[r - 1]]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('bonferroni caps at 1 and validates input', () => {
    expect(bonferroni([0.01, 0.5])).toEqual([0.02, 1]);
    expect(() => benjaminiHochberg([0.1, 1.2])).toThrow(/\[0, 1\]/);
  });
});
