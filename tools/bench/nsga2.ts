/**
 * Benchmark of NSGA-II on ZDT1-ZDT3 (30 variables), population 100, 200 generations.
 * Run: npx tsx tools/bench/nsga2.ts [--seed S] [--population N] [--generations G]
 *
 * Prints, per problem, hypervolume against (1.1, 1.1) (the reference pymoo's 0.8679 for
 * ZDT1 is measured with) and against (1, 1), IGD to the true front, front size and wall
 * time, next to a random search with the same number of evaluations run in the same process,
 * and the ratios, then whether each problem met its goal (`zdtKnownAnswer`: ZDT1 hypervolume
 * >= 0.86 in under 2 s).
 */
import {
  hypervolume2d,
  invertedGenerationalDistance,
  nsga2,
  randomSearch,
  zdt,
  zdtFront,
  zdtKnownAnswer,
  type Solution,
  type ZdtName,
} from '@hirelearn/moo';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function figures(front: readonly Solution[], name: ZdtName) {
  const pts = front.map((s) => s.objectives);
  return {
    hv: hypervolume2d(pts, zdtKnownAnswer.reference),
    hv1: hypervolume2d(pts, [1, 1]),
    igd: invertedGenerationalDistance(pts, zdtFront(name)),
    size: front.length,
  };
}

const seed = arg('seed', 1);
const population_size = arg('population', 100);
const generations = arg('generations', 200);
console.log(
  `NSGA-II vs random search, 30 variables, population ${population_size}, ${generations} generations, seed ${seed}`,
);
console.log(
  'hypervolume hv against (1.1, 1.1), hv1 against (1, 1); IGD to 1000 points of the true front',
);
console.log('problem  method          evals    hv      hv1     IGD       front  wall ms   true hv');
for (const name of ['zdt1', 'zdt2', 'zdt3'] as ZdtName[]) {
  const problem = zdt(name);
  let t = performance.now();
  const run = nsga2(problem, { seed, population_size, generations });
  const nsgaMs = performance.now() - t;
  t = performance.now();
  const baseline = randomSearch(problem, { evaluations: run.evaluations, seed });
  const randomMs = performance.now() - t;
  const a = figures(run.front, name);
  const b = figures(baseline, name);
  const truth = hypervolume2d(zdtFront(name, 20000), zdtKnownAnswer.reference);
  const row = (method: string, f: ReturnType<typeof figures>, ms: number) =>
    `${name.padEnd(8)} ${method.padEnd(15)} ${String(run.evaluations).padStart(5)}  ${f.hv.toFixed(4)}  ${f.hv1.toFixed(4)}  ${f.igd.toFixed(5).padStart(8)}  ${String(f.size).padStart(5)}  ${ms.toFixed(0).padStart(7)}   ${truth.toFixed(4)}`;
  console.log(row('nsga2', a, nsgaMs));
  console.log(row('random search', b, randomMs));
  console.log(
    `${name.padEnd(8)} ratio nsga2/random: IGD ${(a.igd / b.igd).toFixed(4)}, time ${(nsgaMs / randomMs).toFixed(2)}; nsga2 hv / true hv ${(a.hv / truth).toFixed(4)}`,
  );
  const bar = zdtKnownAnswer.min_hypervolume[name];
  const met = a.hv >= bar && nsgaMs / 1000 < zdtKnownAnswer.max_wall_seconds;
  console.log(
    `${name.padEnd(8)} goal hv >= ${bar} in < ${zdtKnownAnswer.max_wall_seconds} s: ${met ? 'met' : 'NOT met'} (${a.hv.toFixed(4)} in ${(nsgaMs / 1000).toFixed(2)} s)`,
  );
}
