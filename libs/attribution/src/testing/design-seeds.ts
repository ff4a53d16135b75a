/**
 * The design studies (strategy-threshold RD, each edit as a DiD) on simulated worlds across
 * seeds, against truth.json: RD sign, coverage of the planted jump, placebo and density checks;
 * DiD coverage of each edit's total effect, planted edits graded HIGH with the right sign, the
 * null edit never HIGH. Grades use BH over the design family of each world (RD + one DiD per
 * edit); the nightly run's family is larger. Then the time of the design studies beside the
 * time of one adjustment analysis (AIPW with its refuters, one edit) in the same process.
 *
 *   npx tsx libs/attribution/src/testing/design-seeds.ts [--seeds 1,2,3] [--users 400] [--months 6]
 *   npx tsx libs/attribution/src/testing/design-seeds.ts --db duckdb:///abs/world.duckdb --truth truth.json
 *
 * `--db` reads an already ingested world (e.g. the bench's cache) with its truth.json instead.
 * `--did-adjust 0` runs the DiD without adjusting for the other edits carried; `--rd-bandwidth
 * ik` picks the RD bandwidth with Imbens-Kalyanaraman instead of rdrobust's MSE-optimal rule.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { withQValues } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld, type SimTruth } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { designEffect } from '../design-study';
import { didStudies } from '../did-study';
import { loadRdStudyData, rdStudy } from '../rd-study';
import { attributeTable } from '../run';
import { attributionSettings, DEFAULT_ATTRIBUTION_SETTINGS } from '../settings';
import { loadAnalysisTable } from '../table';
import { plantedEffect, type PlantedEffect } from './truth';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** truth.json's edits also carry `total_att`, the total effect on the users who made the edit. */
type Planted = PlantedEffect & { readonly total_att?: number };

const covers = (ci: readonly [number, number] | null, x: number) =>
  ci !== null && ci[0] <= x && x <= ci[1];
const pts = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(2)}`);

async function main(): Promise<void> {
  const seeds = arg('seeds', '1,2,3').split(',').map(Number);
  const users = Number(arg('users', '400'));
  const months = Number(arg('months', '6'));
  const s = attributionSettings({
    rd: {
      ...DEFAULT_ATTRIBUTION_SETTINGS.rd,
      bandwidth_method: arg('rd-bandwidth', 'mserd') === 'ik' ? 'ik' : 'mserd',
    },
    did: {
      ...DEFAULT_ATTRIBUTION_SETTINGS.did,
      adjust_for_other_edits: arg('did-adjust', '1') === '1',
    },
  });
  const count = { rd_sign: 0, rd_cover: 0, rd_high: 0, rd_checks: 0 };
  const did = { planted: 0, planted_high: 0, cover_total: 0, cover_total_att: 0, n: 0 };
  const nul = { n: 0, high: 0, excludes_zero: 0 };
  const db = arg('db', '');
  for (const seed of db === '' ? seeds : [NaN]) {
    let truth: SimTruth;
    let store: EventStore;
    if (db !== '') {
      truth = JSON.parse(readFileSync(arg('truth', 'truth.json'), 'utf8')) as SimTruth;
      store = await EventStore.open(db);
    } else {
      const world = simulateWorld(defaultSimSettings({ users, months, seed }));
      truth = world.truth;
      const dir = mkdtempSync(path.join(tmpdir(), 'design-seeds-'));
      const file = path.join(dir, 'events.ndjson');
      writeFileSync(file, world.lines.join('\n'));
      store = await EventStore.open('duckdb::memory:');
      await ingest(store, [file]);
      rmSync(dir, { recursive: true, force: true });
    }
    const table = await loadAnalysisTable(store);
    const rdData = await loadRdStudyData(store, s.rd);
    await store.close();

    const t0 = performance.now();
    const studies = [rdStudy(rdData, s), ...didStudies(table, s)];
    const q = withQValues(studies.map((x) => x.primary));
    const effects = studies.map((x, i) => designEffect(x, q[i], s.grading));
    const designMs = performance.now() - t0;
    const t1 = performance.now();
    attributeTable(table, { settings: s, treatments: [table.edit_types[0]] });
    const aipwMs = performance.now() - t1;

    const jump = truth.regression_discontinuity.jump;
    const [rd, ...dids] = effects;
    count.rd_sign += rd.ate !== null && rd.ate > 0 ? 1 : 0;
    count.rd_cover += covers(rd.confidence_interval, jump) ? 1 : 0;
    count.rd_high += rd.causal_confidence === 'HIGH' ? 1 : 0;
    count.rd_checks += rd.refutations.every((r) => r.passed) ? 1 : 0;
    process.stdout.write(
      `${db === '' ? `seed ${seed}` : db}: ${table.n} applications; rd ${pts(rd.ate)} [${rd.confidence_interval?.map(pts).join(', ')}] ${rd.causal_confidence} (truth ${pts(jump)}; h ${Number(rd.design.bandwidth).toFixed(2)}, ${rd.design.users_below}/${rd.design.users_above} users; ${rd.refutations.map((r) => `${r.name} ${r.passed ? 'passed' : 'FAILED'} ${JSON.stringify(r.values)}`).join(', ')})\n`,
    );
    const truths = truth.treatments as unknown as Record<string, Planted>;
    for (const e of dids) {
      const t = plantedEffect(truths, e.treatment) as Planted | null;
      if (t === null || t.total_ate === undefined) continue;
      did.n++;
      did.cover_total += covers(e.confidence_interval, t.total_ate) ? 1 : 0;
      did.cover_total_att += covers(e.confidence_interval, t.total_att ?? NaN) ? 1 : 0;
      if (t.total_ate >= 0.02) {
        did.planted++;
        did.planted_high += e.causal_confidence === 'HIGH' && (e.ate ?? 0) > 0 ? 1 : 0;
      } else if (t.total_ate === 0) {
        nul.n++;
        nul.high += e.causal_confidence === 'HIGH' ? 1 : 0;
        nul.excludes_zero += covers(e.confidence_interval, 0) ? 0 : 1;
      }
      process.stdout.write(
        `  did ${e.treatment.padEnd(26)} ${pts(e.ate)} [${e.confidence_interval?.map(pts).join(', ')}] ${e.causal_confidence.padEnd(6)} total_ate ${pts(t.total_ate)} total_att ${pts(t.total_att ?? null)} naive ${pts(e.naive.ate)} pre-trend ${e.refutations[0].passed ? 'passed' : 'FAILED'}\n`,
      );
    }
    process.stdout.write(
      `  time: design studies ${designMs.toFixed(0)} ms; one AIPW analysis with refuters ${aipwMs.toFixed(0)} ms (ratio ${(designMs / aipwMs).toFixed(3)})\n`,
    );
  }
  const k = db === '' ? seeds.length : 1;
  process.stdout.write(
    `\nRD: positive ${count.rd_sign}/${k}, CI covers the jump ${count.rd_cover}/${k}, HIGH ${count.rd_high}/${k}, placebo and density passed ${count.rd_checks}/${k}\n` +
      `DiD: planted (total >= 2 points) HIGH with the right sign ${did.planted_high}/${did.planted}; CI covers total_ate ${did.cover_total}/${did.n}, total_att ${did.cover_total_att}/${did.n}; null edit HIGH ${nul.high}/${nul.n}, null CI excludes 0 ${nul.excludes_zero}/${nul.n}\n`,
  );
}

void main();
