import { hypervolume2d, invertedGenerationalDistance } from './indicators';
import { zdtFront } from './zdt';

describe('hypervolume2d', () => {
  it('is the area of the staircase, ignoring dominated points and points outside the reference', () => {
    expect(hypervolume2d([[0.5, 0.5]], [1, 1])).toBe(0.25);
    // (0,2) and (1,1) and (2,0) with reference (3,3): 3*1 + 2*1 + 1*1 = 6
    const pts = [
      [2, 0],
      [0, 2],
      [1, 1],
      [1.5, 1.5],
      [4, -1],
      [0.5, 3],
    ];
    expect(hypervolume2d(pts, [3, 3])).toBe(6);
    expect(hypervolume2d([], [1, 1])).toBe(0);
  });

  it('reproduces the analytic hypervolume of the ZDT1 and ZDT2 true fronts', () => {
    // reference (1.1, 1.1): 1.21 minus the area under f2 = 1 - sqrt(f1) (1/3) or 1 - f1^2 (2/3)
    expect(hypervolume2d(zdtFront('zdt1', 20000), [1.1, 1.1])).toBeCloseTo(1.21 - 1 / 3, 3);
    expect(hypervolume2d(zdtFront('zdt2', 20000), [1.1, 1.1])).toBeCloseTo(1.21 - 2 / 3, 3);
    // with reference (1, 1) the whole ZDT1 front dominates only the integral of sqrt(f1): 2/3
    expect(hypervolume2d(zdtFront('zdt1', 20000), [1, 1])).toBeCloseTo(2 / 3, 3);
  });
});

describe('invertedGenerationalDistance', () => {
  it('is 0 on the truth itself and the mean nearest distance otherwise', () => {
    const truth = [
      [0, 1],
      [1, 0],
    ];
    expect(invertedGenerationalDistance(truth, truth)).toBe(0);
    expect(invertedGenerationalDistance([[0, 1.5]], truth)).toBeCloseTo(
      (0.5 + Math.hypot(1, 1.5)) / 2,
      12,
    );
    expect(invertedGenerationalDistance([], truth)).toBe(Infinity);
  });
});
