/**
 * The ZDT test problems (Zitzler, Deb & Thiele, "Comparison of multiobjective evolutionary
 * algorithms: empirical results", Evolutionary Computation 8(2), 2000), 30 variables in
 * [0, 1], and their analytic Pareto fronts (reached when x_2..x_n = 0, so g = 1):
 * ZDT1 f2 = 1 - sqrt(f1) (convex), ZDT2 f2 = 1 - f1^2 (concave), ZDT3 f2 = 1 - sqrt(f1) -
 * f1 sin(10 pi f1) restricted to its five disconnected pieces.
 */
import type { MooProblem } from './problem';

export type ZdtName = 'zdt1' | 'zdt2' | 'zdt3';

/** ZDT3's Pareto-optimal f1 intervals (pymoo's `ZDT3._calc_pareto_front` regions). */
const ZDT3_REGIONS: readonly (readonly [number, number])[] = [
  [0, 0.0830015349],
  [0.182228728, 0.2577623634],
  [0.4093136748, 0.4538821041],
  [0.6183967944, 0.6525117038],
  [0.8233317983, 0.8518328654],
];

const h: Record<ZdtName, (f1: number, g: number) => number> = {
  zdt1: (f1, g) => 1 - Math.sqrt(f1 / g),
  zdt2: (f1, g) => 1 - (f1 / g) ** 2,
  zdt3: (f1, g) => 1 - Math.sqrt(f1 / g) - (f1 / g) * Math.sin(10 * Math.PI * f1),
};

export function zdt(name: ZdtName, variables = 30): MooProblem {
  return {
    variables: Array.from({ length: variables }, (_, i) => ({
      name: `x${i + 1}`,
      lower: 0,
      upper: 1,
    })),
    objectives: [
      { name: 'f1', sense: 'min' },
      { name: 'f2', sense: 'min' },
    ],
    evaluate(x) {
      let tail = 0;
      for (let i = 1; i < x.length; i++) tail += x[i];
      const g = 1 + (9 * tail) / (x.length - 1);
      return [x[0], g * h[name](x[0], g)];
    },
  };
}

/** `points` evenly spaced samples of the true front, as [f1, f2] pairs. */
export function zdtFront(name: ZdtName, points = 1000): number[][] {
  if (name !== 'zdt3') {
    return Array.from({ length: points }, (_, i) => {
      const f1 = i / (points - 1);
      return [f1, h[name](f1, 1)];
    });
  }
  const width = ZDT3_REGIONS.reduce((s, [a, b]) => s + b - a, 0);
  return ZDT3_REGIONS.flatMap(([a, b]) => {
    const k = Math.max(2, Math.round((points * (b - a)) / width));
    return Array.from({ length: k }, (_, i) => {
      const f1 = a + ((b - a) * i) / (k - 1);
      return [f1, h.zdt3(f1, 1)];
    });
  });
}
