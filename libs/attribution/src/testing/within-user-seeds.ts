/**
 * The timing treatments (weekday, hour band) on the bench's cached worlds: for each, the naive
 * difference, the propensity estimate with the user's treated share (AIPW, Mundlak) and the
 * primary within-user estimate (user fixed effects) side by side, and over all seeds the
 * figures of the nightly run (power on planted effects ≥ 2 points, null treatments graded HIGH
 * or with a CI excluding 0, CI coverage of the truth; timing treatments apart).
 *
 *   npx tsx tools/bench/causal.ts --seeds 1,2,3,4,5 --users 400 --months 8 --timing-users 0 --rows 0  # builds the worlds once
 *   npx tsx libs/attribution/src/testing/within-user-seeds.ts --seeds 1,2,3 [--users 400] [--months 8]
 *
 * Each world's DuckDB file is copied before it is opened, so a bench running beside this one
 * keeps its lock.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EventStore } from '@hirelearn/store';
import type { CausalEffect } from '../effect';
import { attributeTable } from '../run';
import { DEFAULT_ATTRIBUTION_SETTINGS } from '../settings';
import { loadAnalysisTable } from '../table';
import { plantedEffect, type PlantedEffect } from './truth';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const f = (x: number | null | undefined) =>
  x === null || x === undefined ? '     -' : (100 * x).toFixed(2).padStart(6);

/** The refuters an effect failed, by name. */
const failed = (e: CausalEffect) =>
  e.refutations
    .filter((r) => !r.passed)
    .map((r) => r.name)
    .join(',');

async function main(): Promise<void> {
  const seeds = arg('seeds', '1,2,3').split(',').map(Number);
  const users = arg('users', '400');
  const months = arg('months', '8');
  const cache = arg('cache', path.join(tmpdir(), 'hirelearn-bench-causal'));
  const c = { planted: 0, planted_high: 0, nulls: 0, null_high: 0, null_reject: 0 };
  const cover = { all: 0, all_n: 0, timing: 0, timing_n: 0 };
  for (const seed of seeds) {
    const dir = path.join(cache, `u${users}-m${months}-s${seed}`);
    if (!existsSync(path.join(dir, 'ingested'))) {
      throw new Error(`no cached world in ${dir}: run tools/bench/causal.ts with these settings`);
    }
    const work = mkdtempSync(path.join(tmpdir(), 'within-user-'));
    copyFileSync(path.join(dir, 'world.duckdb'), path.join(work, 'world.duckdb'));
    const store = await EventStore.open(`duckdb://${path.join(work, 'world.duckdb')}`);
    const t0 = performance.now();
    try {
      const table = await loadAnalysisTable(store);
      const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as {
        treatments: Record<string, PlantedEffect>;
      };
      const run = attributeTable(table, {
        settings: DEFAULT_ATTRIBUTION_SETTINGS,
        designs: { did: true },
      });
      console.log(
        `seed ${seed}: ${table.n} applications, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      console.log(
        `  ${'treatment'.padEnd(22)}  naive   aipw  within [   lo,     hi]  truth grade  q`,
      );
      for (const e of run.effects) {
        // One entry per treatment (its headline); the DiD studies stand beside the edits'.
        if ('design' in e) continue;
        const t = plantedEffect(truth.treatments, e.treatment);
        if (t === null || e.ate === null || e.confidence_interval === null) continue;
        const [lo, hi] = e.confidence_interval;
        const high = e.causal_confidence === 'HIGH';
        const inside = lo <= t.ate && t.ate <= hi;
        const timing = e.method === 'within_unit';
        cover.all_n++;
        if (inside) cover.all++;
        if (timing) {
          cover.timing_n++;
          if (inside) cover.timing++;
        }
        if (t.ate >= 0.02) {
          c.planted++;
          if (high && e.ate > 0) c.planted_high++;
        } else if (t.ate === 0) {
          c.nulls++;
          if (high) c.null_high++;
          if (lo > 0 || hi < 0) c.null_reject++;
        }
        if (!timing) continue;
        console.log(
          `  ${e.treatment.padEnd(22)} ${f(e.naive.ate)} ${f(e.estimates.aipw)} ${f(e.ate)} [${f(lo)}, ${f(hi)}] ${f(t.ate)} ${e.causal_confidence.padEnd(6)} ${e.q_value?.toFixed(3)} ${failed(e)}`,
        );
      }
    } finally {
      await store.close();
      rmSync(work, { recursive: true, force: true });
    }
  }
  const pct = (a: number, b: number) => `${a}/${b}`;
  console.log(`\nseeds ${seeds.join(',')}, ${users} users x ${months} months`);
  console.log(`power (planted >= 2 points HIGH, right sign): ${pct(c.planted_high, c.planted)}`);
  console.log(`null treatments graded HIGH: ${pct(c.null_high, c.nulls)}`);
  console.log(`null treatments whose 95% CI excludes 0: ${pct(c.null_reject, c.nulls)}`);
  console.log(
    `95% CI covers truth: all ${pct(cover.all, cover.all_n)}, timing ${pct(cover.timing, cover.timing_n)}`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
