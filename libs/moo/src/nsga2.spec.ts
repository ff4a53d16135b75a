import { hypervolume2d, invertedGenerationalDistance } from './indicators';
import { nsga2 } from './nsga2';
import { MooInputError, type MooProblem } from './problem';
import { randomSearch } from './random-search';
import { zdtKnownAnswer } from './settings';
import { zdt, zdtFront, type ZdtName } from './zdt';

const points = (front: readonly { objectives: readonly number[] }[]) =>
  front.map((s) => s.objectives);

describe('nsga2 on the ZDT known fronts (30 variables, population 100, 200 generations)', () => {
  const runs = new Map(
    (['zdt1', 'zdt2', 'zdt3'] as ZdtName[]).map((name) => [name, nsga2(zdt(name), { seed: 7 })]),
  );

  it.each(['zdt1', 'zdt2', 'zdt3'] as ZdtName[])(
    '%s: hypervolume and IGD to the published front within the known-answer bars',
    (name) => {
      const r = runs.get(name)!;
      expect(r.status).toBe('ok');
      expect(r.evaluations).toBe(100 * 201);
      expect(r.front).toHaveLength(100);
      const hv = hypervolume2d(points(r.front), zdtKnownAnswer.reference);
      const igd = invertedGenerationalDistance(points(r.front), zdtFront(name));
      expect(hv).toBeGreaterThanOrEqual(zdtKnownAnswer.min_hypervolume[name]);
      expect(igd).toBeLessThan(zdtKnownAnswer.max_igd[name]);
    },
  );

  it('ZDT1 against reference (1, 1) reaches nearly the 2/3 the true front dominates', () => {
    const hv = hypervolume2d(points(runs.get('zdt1')!.front), [1, 1]);
    expect(hv).toBeGreaterThan(0.98 * (2 / 3));
  });

  it('beats random search with the same number of evaluations', () => {
    const r = runs.get('zdt1')!;
    const baseline = randomSearch(zdt('zdt1'), { evaluations: r.evaluations, seed: 7 });
    const truth = zdtFront('zdt1');
    expect(invertedGenerationalDistance(points(baseline), truth)).toBeGreaterThan(
      50 * invertedGenerationalDistance(points(r.front), truth),
    );
  });

  it('is reproducible: the same seed gives the same front, another seed a different one', () => {
    const a = nsga2(zdt('zdt1', 5), { seed: 'plan-u1', generations: 20, population_size: 20 });
    const b = nsga2(zdt('zdt1', 5), { seed: 'plan-u1', generations: 20, population_size: 20 });
    const c = nsga2(zdt('zdt1', 5), { seed: 'plan-u2', generations: 20, population_size: 20 });
    expect(b.front).toEqual(a.front);
    expect(c.front).not.toEqual(a.front);
  });
});

/** A weekly plan: applications a week and hours a week; interviews up, hours down. */
function plan(maxHours: number): MooProblem {
  return {
    variables: [
      { name: 'applications', lower: 0, upper: 30 },
      { name: 'hours', lower: 0, upper: maxHours },
    ],
    objectives: [
      { name: 'interviews', sense: 'max', unit: '/wk' },
      { name: 'hours', sense: 'min', unit: 'h' },
    ],
    evaluate: ([apps, hours]) => [0.1 * apps * Math.min(1, hours / (0.5 * apps + 1)), hours],
    constraint_names: ['at least one application', 'half an hour per application'],
    constraints: ([apps, hours]) => [1 - apps, 0.5 * apps - hours],
  };
}

describe('nsga2 on constrained and infeasible problems', () => {
  it('keeps only feasible plans and reports maximised objectives in their own sense', () => {
    const r = nsga2(plan(20), { seed: 3, generations: 60, population_size: 40 });
    expect(r.status).toBe('ok');
    for (const s of r.front) {
      expect(s.violation).toBe(0);
      expect(s.x[0]).toBeGreaterThanOrEqual(1);
      expect(s.x[1]).toBeGreaterThanOrEqual(0.5 * s.x[0] - 1e-12);
      expect(s.objectives[0]).toBeGreaterThan(0);
    }
    // Analytic front: with h hours the best plan sends 2h applications (up to 30),
    // interviews = 0.2 h^2 / (h + 1) for h <= 15, then 3 * min(1, h / 16).
    const best = (h: number) => (h <= 15 ? (0.2 * h * h) / (h + 1) : 3 * Math.min(1, h / 16));
    expect(r.front.length).toBeGreaterThanOrEqual(30);
    // never above the analytic best (that would be an infeasible plan), and on average near it
    const shortfall = r.front.map((s) => best(s.objectives[1]) - s.objectives[0]);
    expect(Math.min(...shortfall)).toBeGreaterThan(-1e-9);
    expect(shortfall.reduce((a, b) => a + b, 0) / shortfall.length).toBeLessThan(0.03);
    expect(Math.max(...r.front.map((s) => s.objectives[0]))).toBeGreaterThan(2.9);
    expect(Math.min(...r.front.map((s) => s.objectives[1]))).toBeLessThan(2);
  });

  it('zero hours a week: the reason names the constraint, with the nearest plan', () => {
    const r = nsga2(plan(0), { seed: 3, generations: 30, population_size: 20 });
    expect(r.status).toBe('infeasible');
    expect(r.front).toEqual([]);
    expect(r.reason).toMatch(/no feasible solution in 620 evaluations/);
    expect(r.reason).toMatch(/half an hour per application by/);
    expect(r.closest).not.toBeNull();
    expect(r.closest!.violation).toBeGreaterThan(0);
  });

  it('an empty variable range is infeasible before any evaluation', () => {
    const problem = {
      ...plan(20),
      variables: [
        { name: 'applications', lower: 5, upper: 2 },
        { name: 'hours', lower: 0, upper: 1 },
      ],
    };
    const r = nsga2(problem, { seed: 1 });
    expect(r).toMatchObject({ status: 'infeasible', evaluations: 0, front: [] });
    expect(r.reason).toBe(
      "no feasible solution: variable 'applications' has no allowed value: lower 5 > upper 2",
    );
  });

  it('throws MooInputError naming the field for an ill-defined problem or setting', () => {
    expect(() => nsga2(plan(1), { seed: 1, population_size: 7 })).toThrow(
      /population_size: must be an even integer/,
    );
    expect(() => nsga2(plan(1), { seed: 1, eta_c: -1 })).toThrow(/eta_c/);
    expect(() =>
      nsga2({ ...plan(1), objectives: [{ name: 'a', sense: 'min' }] }, { seed: 1 }),
    ).toThrow(MooInputError);
    expect(() => nsga2({ ...plan(1), evaluate: () => [NaN, 1] }, { seed: 1 })).toThrow(
      /objective 'interviews' is NaN/,
    );
  });
});
