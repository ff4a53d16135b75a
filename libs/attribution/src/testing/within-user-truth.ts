/**
 * Is what is left of a timing trap bias or noise? On one simulated world, each timing treatment
 * (weekday, hour band) estimated within user on the simulator's true interview probability p
 * (no outcome noise: only the design is tested), beside the naive difference on p; then the
 * outcomes redrawn R times as Bernoulli(p) on the same applications: mean and SD of the
 * within-user estimate, its mean standard error, and how often a null is rejected at 5%.
 *
 *   npx tsx libs/attribution/src/testing/within-user-truth.ts --seed 3 [--users 400] [--months 8] [--redraws 100]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { naiveDifference, withinUnitEffect } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { createRng } from '@hirelearn/stats';
import { EventStore } from '@hirelearn/store';
import { questionData } from '../run';
import { DEFAULT_ATTRIBUTION_SETTINGS } from '../settings';
import { loadAnalysisTable } from '../table';
import { treatmentSpecs } from '../treatments';

const { sqrt } = Math;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const pts = (x: number) => (100 * x).toFixed(2).padStart(6);

async function main(): Promise<void> {
  const seed = Number(arg('seed', '3'));
  const users = Number(arg('users', '400'));
  const months = Number(arg('months', '8'));
  const redraws = Number(arg('redraws', '100'));
  const world = simulateWorld(defaultSimSettings({ users, months, seed }));
  const truth = new Map(world.applications.map((a) => [a.application_id, a.probability]));
  const dir = mkdtempSync(path.join(tmpdir(), 'within-user-truth-'));
  const store = await EventStore.open('duckdb::memory:');
  let table;
  try {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    await ingest(store, [file]);
    table = await loadAnalysisTable(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const p = table.application_ids.map((id) => truth.get(id)!);
  const specs = treatmentSpecs(table, DEFAULT_ATTRIBUTION_SETTINGS).filter(
    (s) => s.within_user && s.indicator.some((v) => v === 1),
  );
  const data = specs.map((s) => questionData(table, s));
  console.log(`seed ${seed}: ${table.n} applications; on the true probability p (points):`);
  specs.forEach((s, k) => {
    const onP = { ...data[k], outcome: p };
    const w = withinUnitEffect(onP);
    console.log(
      `  ${s.name.padEnd(22)} naive ${pts(naiveDifference(onP).estimate)}  within user ${pts(w.estimate)} ± ${pts(w.std_error)}`,
    );
  });
  const rng = createRng(`size:${seed}`);
  const est = specs.map(() => [] as number[]);
  const se = specs.map(() => [] as number[]);
  let rejected = 0;
  let anyRejected = 0;
  let anyStrong = 0;
  for (let r = 0; r < redraws; r++) {
    const y = p.map((q) => (rng.uniform() < q ? 1 : 0));
    let any = false;
    let strong = false;
    data.forEach((d, k) => {
      const e = withinUnitEffect({ ...d, outcome: y });
      est[k].push(e.estimate);
      se[k].push(e.std_error);
      if (e.p_value < 0.05) {
        rejected++;
        any = true;
      }
      if (e.p_value < 0.005) strong = true;
    });
    if (any) anyRejected++;
    if (strong) anyStrong++;
  }
  console.log(`${redraws} redraws of the outcomes, Bernoulli(p) (points):`);
  specs.forEach((s, k) => {
    const m = est[k].reduce((a, b) => a + b, 0) / redraws;
    const sd = sqrt(est[k].reduce((a, b) => a + (b - m) ** 2, 0) / (redraws - 1));
    const meanSe = se[k].reduce((a, b) => a + b, 0) / redraws;
    console.log(
      `  ${s.name.padEnd(22)} mean ${pts(m)}  sd ${pts(sd)}  mean se ${pts(meanSe)}  se/sd ${(meanSe / sd).toFixed(2)}`,
    );
  });
  console.log(
    `rejected at 5%: ${rejected}/${redraws * specs.length}; redraws with some p < 0.05: ${anyRejected}/${redraws}, with some p < 0.005: ${anyStrong}/${redraws}`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
