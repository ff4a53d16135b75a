/**
 * The nightly attribution on simulated worlds with planted truths: power (planted effects of
 * at least 2 points graded HIGH with the right sign), false-positive rate (null treatments
 * graded HIGH, and null CIs excluding 0), and coverage of the 95% intervals, across seeds: one
 * entry per treatment, its headline (the DiD of each edit runs as in the nightly and, with the
 * IV, can widen an adjusted interval it disagrees with: libs/attribution headline.ts).
 * Then the nightly attribution over one world, step by step (wall and CPU seconds of each: the
 * SQL loads, the treatments' analyses on the worker threads, the design studies, then the
 * whole run as the nightly makes it, the design studies beside the workers) next to the time of
 * the plain logistic propensity fit alone (one treatment) in the same run.
 *
 * Then logistic propensity + matching on `--rows` synthetic rows beside the plain logistic fit.
 *
 *   npx tsx tools/bench/causal.ts [--seeds 1,2,3] [--users 400] [--months 8]
 *     [--timing-users 3000] [--timing-months 12] [--timing-seed 4] [--timing-db FILE] [--rows 1000000]
 *     [--fast-refuters] [--workers 2] [--world skill-selected-nulls] [--headline span|adjusted]
 *
 * `--seeds ''` skips the quality runs, `--timing-users 0` the nightly timing, `--rows 0` the
 * matching timing; seeds may run as separate processes (sum the counts). Worlds are simulated
 * and ingested once into a file-backed DuckDB under $TMPDIR/hirelearn-bench-causal and reused;
 * `--timing-db FILE` times an already ingested world instead (e.g. tools/bench/nightly.ts's
 * $TMPDIR/hirelearn-bench-nightly/u3000-m12-s1/world.duckdb), opened read-only.
 *
 * `--fast-refuters` runs 1 placebo permutation and 2 subsets instead of 3 and 5. `--workers N`
 * spreads the nightly's treatments over N worker threads running the built
 * dist/apps/cli/attribution-worker.js (`npm run -s build` first; default: the settings' default,
 * min(2, cores)); CPU time is the whole process's, worker threads included.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  attributeTable,
  attributeTableInWorkers,
  attributionSettings,
  DEFAULT_ATTRIBUTION_SETTINGS,
  didStudies,
  loadAnalysisTable,
  loadRdStudyData,
  questionData,
  rdStudy,
  runAttribution,
  treatmentSpecs,
  type AnalysisTable,
  type AttributionSettings,
} from '@hirelearn/attribution';
import { SKILL_SELECTED_NULLS } from '../../libs/attribution/src/testing/skill-selected-nulls';
import { plantedEffect, type PlantedEffect } from '../../libs/attribution/src/testing/truth';
import { fitPropensity, psMatching, refuterSettings } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, writeWorld, type SimSettingsOverrides } from '@hirelearn/sim';
import { createRng, logistic } from '@hirelearn/stats';
import { EventStore } from '@hirelearn/store';
import { loadAverage } from './load-average';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/**
 * Worlds besides the simulator's default (`--world NAME`). 'skill-selected-nulls' stands in for
 * issue 12's held-out world (libs/attribution/src/testing/skill-selected-nulls.ts).
 */
const WORLDS: Readonly<Record<string, SimSettingsOverrides>> = {
  default: {},
  'skill-selected-nulls': SKILL_SELECTED_NULLS,
};

/** Where simulated worlds are cached between runs (simulating and ingesting 3,000 users takes minutes). */
const CACHE = path.join(tmpdir(), 'hirelearn-bench-causal');

/**
 * The analysis table and planted truth of a simulated world, from a file-backed DuckDB cached
 * under /tmp: the world is streamed with `writeWorld` and ingested once, then reopened.
 */
async function worldTable(
  users: number,
  months: number,
  seed: number,
  world = 'default',
): Promise<{ table: AnalysisTable; truth: Record<string, PlantedEffect> }> {
  const { db, dir } = await worldDb(users, months, seed, world);
  const store = await EventStore.open(`duckdb://${db}`);
  try {
    const table = await loadAnalysisTable(store);
    const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as {
      treatments: Record<string, PlantedEffect>;
    };
    return { table, truth: truth.treatments };
  } finally {
    await store.close();
  }
}

/** The DuckDB file (and its directory, with truth.json) of a simulated world, made on first use. */
async function worldDb(
  users: number,
  months: number,
  seed: number,
  world = 'default',
): Promise<{ db: string; dir: string }> {
  const variant = WORLDS[world];
  if (variant === undefined) {
    throw new Error(`--world ${world}: unknown (known: ${Object.keys(WORLDS).join(', ')})`);
  }
  const suffix = world === 'default' ? '' : `-${world}`;
  const dir = path.join(CACHE, `u${users}-m${months}-s${seed}${suffix}`);
  const db = path.join(dir, 'world.duckdb');
  const done = path.join(dir, 'ingested');
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    const written = await writeWorld(defaultSimSettings({ ...variant, users, months, seed }), dir);
    const store = await EventStore.open(`duckdb://${db}`);
    try {
      await ingest(store, [written.path]);
    } finally {
      await store.close();
    }
    rmSync(written.path);
    writeFileSync(done, '');
  }
  return { db, dir };
}

const pct = (a: number, b: number) =>
  b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(0)}% (${a}/${b})`;

async function main(): Promise<void> {
  const seeds = arg('seeds', '1,2,3').split(',').filter(Boolean).map(Number);
  const users = Number(arg('users', '400'));
  const months = Number(arg('months', '8'));
  const world = arg('world', 'default');
  const fast = process.argv.includes('--fast-refuters');
  const workers = process.argv.includes('--workers')
    ? { workers: Number(arg('workers', '2')) }
    : {};
  const headline = arg('headline', 'span');
  if (headline !== 'span' && headline !== 'adjusted') {
    throw new Error(`--headline ${headline}: use span (default) or adjusted (as before issue 12)`);
  }
  const settings: AttributionSettings = attributionSettings({
    ...workers,
    headline: { ...DEFAULT_ATTRIBUTION_SETTINGS.headline, policy: headline },
    ...(fast ? { refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 2 }) } : {}),
  });
  let planted = 0;
  let plantedHigh = 0;
  let nulls = 0;
  let nullHigh = 0;
  let nullReject = 0;
  let covered = 0;
  let coverable = 0;
  let coveredTotal = 0;
  let coverableTotal = 0;
  for (const seed of seeds) {
    const t0 = performance.now();
    const { table, truth } = await worldTable(users, months, seed, world);
    // The DiD of each edit as in the nightly: with the IV it sets the adjusted estimates' headline.
    const run = attributeTable(table, { settings, designs: { did: true } });
    console.log(
      `seed ${seed}: ${table.n} applications, ${run.data_window.users} users, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    for (const e of run.effects) {
      // One entry per treatment, what a reader sees first: the DiD studies stand beside it.
      if ('design' in e) continue;
      const t = plantedEffect(truth, e.treatment);
      if (t === null || e.ate === null || e.confidence_interval === null) continue;
      const [lo, hi] = e.confidence_interval;
      const high = e.causal_confidence === 'HIGH';
      coverable++;
      if (lo <= t.ate && t.ate <= hi) covered++;
      if (t.total_ate !== undefined) {
        coverableTotal++;
        if (lo <= t.total_ate && t.total_ate <= hi) coveredTotal++;
      }
      if (t.ate >= 0.02) {
        planted++;
        if (high && e.ate > 0) plantedHigh++;
      } else if (t.ate === 0) {
        nulls++;
        if (high) nullHigh++;
        if (lo > 0 || hi < 0) nullReject++;
      }
      const f = (x: number) => (100 * x).toFixed(2).padStart(6);
      console.log(
        `  ${e.treatment.padEnd(27)} ate ${f(e.ate)} [${f(lo)}, ${f(hi)}]  naive ${e.naive.ate === null ? '   -  ' : f(e.naive.ate)}  truth ${f(t.ate)}  ${e.causal_confidence.padEnd(6)} q ${e.q_value?.toFixed(3)}  ${e.headline_method}`,
      );
    }
  }
  if (seeds.length > 0) summary();
  function summary(): void {
    console.log(
      `\nworlds: seeds ${seeds.join(',')}, ${users} users x ${months} months${world === 'default' ? '' : `, world ${world}`}, headline ${headline}${fast ? ', fast refuters' : ''}`,
    );
    console.log(
      `power (planted >= 2 points graded HIGH, right sign): ${pct(plantedHigh, planted)}`,
    );
    console.log(`false positives (null treatments graded HIGH): ${pct(nullHigh, nulls)}`);
    console.log(`null treatments whose 95% CI excludes 0: ${pct(nullReject, nulls)}`);
    console.log(`coverage of truth ate by the 95% CI: ${pct(covered, coverable)}`);
    console.log(`coverage of truth total_ate (edits): ${pct(coveredTotal, coverableTotal)}`);
  }

  const tu = Number(arg('timing-users', '3000'));
  if (tu > 0) {
    const given = arg('timing-db', '');
    const months = Number(arg('timing-months', '12'));
    const seed = Number(arg('timing-seed', String(seeds[0] ?? 4)));
    const db = given !== '' ? given : (await worldDb(tu, months, seed)).db;
    await nightlyTiming(
      given !== '' ? db : `${tu} users x ${months} months (seed ${seed})`,
      db,
      settings,
    );
  }
  const rows = Number(arg('rows', '1000000'));
  if (rows > 0) matchingTiming(rows);
}

/** Wall and CPU seconds of `f` (the machine is shared: CPU time is the steadier figure). */
function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

/** `timed` for a promise. */
async function timedAsync<T>(
  f: () => Promise<T>,
): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

/** The CLI bundle's worker script (the nightly runs in thread when it is not built). */
const WORKER_SCRIPT = path.resolve(__dirname, '../../dist/apps/cli/attribution-worker.js');

const secs = (t: { wall: number; cpu: number }) =>
  `${t.wall.toFixed(1)} s wall, ${t.cpu.toFixed(1)} s CPU`;

/** A step's wall and CPU seconds as one line of the step table. */
const stepLine = (name: string, t: { wall: number; cpu: number }) =>
  `  ${name.padEnd(44)} ${t.wall.toFixed(1).padStart(6)} s wall ${t.cpu.toFixed(1).padStart(6)} s CPU`;

/**
 * The nightly attribution over the world in `db`, step by step, then whole (as `runAttribution`
 * makes it: the design studies on this thread while the workers analyse the treatments), beside
 * one plain logistic propensity fit. CPU time is the process's, worker threads included.
 */
async function nightlyTiming(
  label: string,
  db: string,
  settings: AttributionSettings,
): Promise<void> {
  const store = await EventStore.open(`duckdb://${db}`, { readOnly: true });
  try {
    const load = await timedAsync(() => loadAnalysisTable(store));
    const table = load.value;
    const rdLoad = await timedAsync(() => loadRdStudyData(store, settings.rd));
    const specs = treatmentSpecs(table, settings);
    const fit = timed(() => fitPropensity(questionData(table, specs[0]), settings.causal));
    const treatments = await timedAsync(() =>
      attributeTableInWorkers(table, { settings, worker_script: WORKER_SCRIPT }),
    );
    const rd = timed(() => rdStudy(rdLoad.value, settings));
    const did = timed(() => didStudies(table, settings));
    const run = await timedAsync(() =>
      runAttribution(store, { settings, worker_script: WORKER_SCRIPT }),
    );
    const threads = existsSync(WORKER_SCRIPT) ? settings.workers : 1;
    console.log(
      `\ntiming world: ${label}, ${table.n} applications, ${specs.length} treatments, ${threads} worker thread(s), load average ${loadAverage()}`,
    );
    console.log(`plain logistic propensity fit (${specs[0].name}), the baseline: ${secs(fit)}`);
    console.log('nightly attribution, step by step:');
    console.log(stepLine('analysis table (DuckDB query)', load));
    console.log(stepLine('RD data (DuckDB query)', rdLoad));
    console.log(stepLine(`${specs.length} treatments on the workers, graded`, treatments));
    console.log(stepLine('RD study (this thread)', rd));
    console.log(stepLine(`${table.edit_types.length} DiD studies (this thread)`, did));
    console.log(
      `nightly attribution (runAttribution: all of it, the design studies beside the workers): ${secs(run)} (${(run.cpu / fit.cpu).toFixed(0)}x the fit in CPU)`,
    );
    for (const e of run.value.effects) {
      console.log(
        `  ${e.treatment.padEnd(27)} ${e.method.padEnd(12)} ${e.status.padEnd(16)} ${e.causal_confidence}`,
      );
    }
  } finally {
    await store.close();
  }
}

/**
 * Logistic propensity + caliper matching on `n` synthetic rows (10 confounders, seeded), beside
 * the plain logistic fit of the same treatment on the same rows.
 */
function matchingTiming(n: number): void {
  const rng = createRng('bench-causal-matching');
  const k = 10;
  const covariates: Record<string, number[]> = {};
  for (let j = 0; j < k; j++) covariates[`x${j}`] = Array.from({ length: n }, () => rng.normal());
  const cols = Object.values(covariates);
  const treatment = new Array<number>(n);
  const outcome = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let eta = -0.5;
    for (let j = 0; j < k; j++) eta += (0.3 / (j + 1)) * cols[j][i];
    treatment[i] = rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    outcome[i] =
      rng.uniform() < 0.2 + 0.05 * treatment[i] + 0.05 * (cols[0][i] > 0 ? 1 : 0) ? 1 : 0;
  }
  const data = { outcome, treatment, covariates };
  const X = outcome.map((_, i) => [1, ...cols.map((c) => c[i])]);
  const plain = timed(() => logistic(X, treatment));
  const matched = timed(() => psMatching(data));
  console.log(`\n${n} rows x ${k} covariates:`);
  console.log(
    `plain logistic fit (baseline): ${secs(plain)}, ${plain.value.iterations} iterations`,
  );
  console.log(
    `logistic propensity + 1:1 caliper matching: ${secs(matched)} (${(matched.cpu / plain.cpu).toFixed(1)}x the fit in CPU); ATT ${matched.value.estimate.toFixed(4)} (SE ${matched.value.std_error.toFixed(4)}), ${matched.value.n_unmatched_treated} unmatched`,
  );
}

void main();
