/**
 * The cold-start embedder, evaluated honestly on two simulated worlds, the default and one
 * whose first resumes show more of the hidden traits (`population.dayOneSignal`, default
 * 3 here; how much day-one data can tell is a property of the world): trained on the users
 * who signed up before a cutoff (70% of them), each later user predicted from day-one data
 * only and scored on their first 20 applications: Brier and log loss of (a) the population
 * rate, (b) logistic regression on the same day-one row, (c) the embedder, (d) the
 * simulator's true rates, with the share of the (a)-(d) gap each captures; interval
 * coverage; active learning (chosen vs random questions); and, on the default world,
 * Insights latency with the peer index grown to 100,000 users (exact search), its memory
 * and build time. Usage:
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/cold-start.ts [--users 2000] [--months 12] [--seed 7] [--signal 3]
 */
import {
  coldStartInsights,
  compareActiveLearning,
  ColdStartModel,
  evaluateColdStart,
  useTensorFlowWasmBackend,
  type ColdStartPeer,
  type DayOneFeatures,
} from '@hirelearn/ml';
import { buildColdStartWorld } from '../../libs/training/src/testing/cold-start-world';
import { createRng } from '@hirelearn/stats';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const f4 = (x: number) => x.toFixed(4);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** One world's honest evaluation as table lines, and the model trained on it. */
async function evaluateWorld(
  users: number,
  months: number,
  seed: number,
  dayOneSignal?: number,
): Promise<{ lines: string[]; model: ColdStartModel; queries: DayOneFeatures[] }> {
  let t0 = Date.now();
  const world = await buildColdStartWorld({ users, months, seed, dayOneSignal });
  const name = dayOneSignal === undefined ? 'default world' : `dayOneSignal ${dayOneSignal}`;
  const out = [
    `## ${name}: ${users} users, ${months} months, seed ${seed} (built in ${((Date.now() - t0) / 1000).toFixed(1)} s); cutoff ${world.cutoff}`,
  ];
  t0 = Date.now();
  const r = await evaluateColdStart(world.train, world.evaluated, {}, 1);
  if ('status' in r) throw new Error(`${r.status}: ${r.reason}`);
  const e = r.evaluation;
  const gap = (x: { brier: number; log_loss: number } | null) =>
    x ? `${pct(x.brier)} | ${pct(x.log_loss)}` : '- | -';
  out.push(
    `trained on ${e.n_train} established users in ${((Date.now() - t0) / 1000).toFixed(1)} s; scored ${e.n_evaluated} later users on their first 20 applications`,
    '| | Brier | log loss | share of the (a)-(d) gap, Brier | log loss |',
    '|---|---|---|---|---|',
    `| (a) population rate | ${f4(e.population.brier)} | ${f4(e.population.log_loss)} | 0% | 0% |`,
    `| (b) logistic, day-one row | ${f4(e.logistic.brier)} | ${f4(e.logistic.log_loss)} | ${gap(e.logistic_gap_share)} |`,
    `| (c) embedder | ${f4(e.embedder.brier)} | ${f4(e.embedder.log_loss)} | ${gap(e.embedder_gap_share)} |`,
    `| (d) true rates (ceiling) | ${e.ceiling ? f4(e.ceiling.brier) : '-'} | ${e.ceiling ? f4(e.ceiling.log_loss) : '-'} | 100% | 100% |`,
    `95% prediction interval (first 20): coverage ${f4(e.prediction_interval_coverage)}, mean width ${f4(e.mean_prediction_interval_width)}; 95% interval of the true rate: coverage ${e.interval_coverage === null ? '-' : f4(e.interval_coverage)}`,
  );
  const al = compareActiveLearning(r.model, world.evaluated.slice(0, 200), undefined, 3, 1);
  out.push(
    `active learning (${al.users} users, every field unknown, ${al.questions} questions): width ${f4(al.start_width)} → chosen ${f4(al.chosen_width)}, random ${f4(al.random_width)}`,
  );
  return {
    lines: out,
    model: r.model,
    queries: world.evaluated.slice(0, 200).map((u) => u.day_one),
  };
}

async function main(): Promise<void> {
  const users = arg('users', 2000);
  const months = arg('months', 12);
  const seed = arg('seed', 7);
  const signal = arg('signal', 3);
  const wasm = await useTensorFlowWasmBackend();
  const out: string[] = [`backend: ${wasm ? 'wasm' : 'fallback'}`];
  const plain = await evaluateWorld(users, months, seed);
  const rich = await evaluateWorld(users, months, seed, signal);
  out.push(...plain.lines, ...rich.lines, '## Insights latency (default world)');
  const model = plain.model;
  // The peer index grown to 100,000 users: the trained peers, jittered copies.
  const a = model.artifact;
  const rng = createRng(`${seed}/grow`);
  const grown: ColdStartPeer[] = [];
  for (let i = 0; grown.length < 100_000; i++) {
    const p = a.peers[i % a.peers.length];
    grown.push({ ...p, embedding: p.embedding.map((x) => x + 0.05 * rng.normal()) });
  }
  const t0 = Date.now();
  const big = new ColdStartModel({ ...a, peers: grown });
  const buildMs = Date.now() - t0;
  const queries = plain.queries;
  const time = (f: () => void) => {
    const s = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - s) / 1e6;
  };
  for (let i = 0; i < 50; i++) coldStartInsights(big, queries[i % queries.length]);
  const insights = Array.from({ length: 1000 }, (_, i) =>
    time(() => coldStartInsights(big, queries[i % queries.length])),
  ).sort((x, y) => x - y);
  const search = Array.from({ length: 1000 }, (_, i) => {
    const emb = big.forward(queries[i % queries.length]).embedding;
    return time(() => big.nearest(emb, a.settings.peers, a.peer_radius));
  }).sort((x, y) => x - y);
  const small = Array.from({ length: 1000 }, (_, i) =>
    time(() => coldStartInsights(model, queries[i % queries.length])),
  ).sort((x, y) => x - y);
  const q = (xs: number[], p: number) => xs[Math.floor(p * (xs.length - 1))].toFixed(3);
  out.push(
    `peer index: 100,000 users x ${a.embedding_dim} dims, Float32Array ${((100_000 * a.embedding_dim * 4) / 1e6).toFixed(1)} MB, built in ${buildMs} ms (trained index: ${a.peers.length} peers)`,
    `exact search, one query: p50 ${q(search, 0.5)} ms, p99 ${q(search, 0.99)} ms`,
    `coldStartInsights in process: 100,000 peers p50 ${q(insights, 0.5)} ms, p99 ${q(insights, 0.99)} ms; ${a.peers.length} peers p50 ${q(small, 0.5)} ms, p99 ${q(small, 0.99)} ms (ratio p99 ${(Number(q(insights, 0.99)) / Number(q(small, 0.99))).toFixed(1)})`,
  );
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
