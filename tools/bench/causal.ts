/**
 * The nightly attribution on simulated worlds with planted truths: power (planted effects of
 * at least 2 points graded HIGH with the right sign), false-positive rate (null treatments
 * graded HIGH, and null CIs excluding 0), and coverage of the 95% intervals, across seeds.
 * Then the time of the nightly run over one world next to the time of the plain logistic
 * propensity fit alone (one treatment) in the same run.
 *
 *   npx tsx tools/bench/causal.ts [--seeds 1,2,3] [--users 400] [--months 8]
 *     [--timing-users 3000] [--timing-months 12] [--fast-refuters]
 *
 * `--timing-users 0` skips the timing; seeds may run as separate processes (sum the counts).
 *
 * `--fast-refuters` runs 1 placebo permutation and 2 subsets instead of 3 and 5.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  attributeTable,
  attributionSettings,
  loadAnalysisTable,
  questionData,
  treatmentSpecs,
  type AnalysisTable,
  type AttributionSettings,
} from '@hirelearn/attribution';
import { plantedEffect, type PlantedEffect } from '../../libs/attribution/src/testing/truth';
import { fitPropensity, refuterSettings } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function worldTable(
  users: number,
  months: number,
  seed: number,
): Promise<{ table: AnalysisTable; truth: Record<string, PlantedEffect> }> {
  const world = simulateWorld(defaultSimSettings({ users, months, seed }));
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-causal-'));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, world.lines.join('\n'));
  const store = await EventStore.open('duckdb::memory:');
  try {
    await ingest(store, [file]);
    const table = await loadAnalysisTable(store);
    return { table, truth: world.truth.treatments as unknown as Record<string, PlantedEffect> };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (a: number, b: number) =>
  b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(0)}% (${a}/${b})`;

async function main(): Promise<void> {
  const seeds = arg('seeds', '1,2,3').split(',').map(Number);
  const users = Number(arg('users', '400'));
  const months = Number(arg('months', '8'));
  const fast = process.argv.includes('--fast-refuters');
  const settings: AttributionSettings = attributionSettings(
    fast ? { refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 2 }) } : {},
  );
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
    const { table, truth } = await worldTable(users, months, seed);
    const run = attributeTable(table, { settings });
    console.log(
      `seed ${seed}: ${table.n} applications, ${run.data_window.users} users, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    for (const e of run.effects) {
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
        `  ${e.treatment.padEnd(27)} ate ${f(e.ate)} [${f(lo)}, ${f(hi)}]  naive ${e.naive.ate === null ? '   -  ' : f(e.naive.ate)}  truth ${f(t.ate)}  ${e.causal_confidence.padEnd(6)} q ${e.q_value?.toFixed(3)}`,
      );
    }
  }
  console.log(
    `\nworlds: seeds ${seeds.join(',')}, ${users} users x ${months} months${fast ? ', fast refuters' : ''}`,
  );
  console.log(`power (planted >= 2 points graded HIGH, right sign): ${pct(plantedHigh, planted)}`);
  console.log(`false positives (null treatments graded HIGH): ${pct(nullHigh, nulls)}`);
  console.log(`null treatments whose 95% CI excludes 0: ${pct(nullReject, nulls)}`);
  console.log(`coverage of truth ate by the 95% CI: ${pct(covered, coverable)}`);
  console.log(`coverage of truth total_ate (edits): ${pct(coveredTotal, coverableTotal)}`);

  const tu = Number(arg('timing-users', '3000'));
  if (tu <= 0) return;
  const tm = Number(arg('timing-months', '12'));
  const { table } = await worldTable(tu, tm, seeds[0]);
  const spec = treatmentSpecs(table, settings)[0];
  const t1 = performance.now();
  fitPropensity(questionData(table, spec), settings.causal);
  const baseline = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  attributeTable(table, { settings });
  const nightly = (performance.now() - t2) / 1000;
  console.log(
    `\ntiming world: ${tu} users x ${tm} months, ${table.n} applications, ${treatmentSpecs(table, settings).length} treatments`,
  );
  console.log(`plain logistic propensity fit (one treatment): ${baseline.toFixed(2)} s`);
  console.log(
    `nightly attribution (all treatments, estimators, refuters): ${nightly.toFixed(1)} s (${(nightly / baseline).toFixed(0)}x the fit)`,
  );
}

void main();
