/**
 * Weekly insights for everyone (libs/weekly-insights, `hirelearn insights weekly --all`) on a
 * simulated 3,000-user, 12-month world: the shared parts once, then every user's report built,
 * rendered as HTML, audited, written and its deliveries logged, exactly as the CLI does.
 * Beside it, in the same process, the baseline: the analytics per-user performance query
 * alone over the same week (one aggregation of the applications). Goal: under 60 s on 2 cores.
 *
 *   npx tsx --expose-gc tools/bench/weekly-insights.ts [--users 3000] [--months 12] [--seed 1] [--week 2025-W40]
 *
 * The world is the nightly bench's (tools/bench/simulated-store.ts: simulated and ingested once,
 * then reused). The attribution the actions come from is computed once per world, untimed,
 * over two treatments, and kept beside the world. Heap and RSS are printed before the run and every 1,000 users: they stay flat (one
 * batch of users at a time; the heap before the run holds the attribution's analysis table).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { allUserPerformance } from '@hirelearn/analytics';
import {
  attributeTable,
  attributionSettings,
  loadAnalysisTable,
  type OutcomeAttribution,
} from '@hirelearn/attribution';
import { refuterSettings } from '@hirelearn/causal';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import {
  parseIsoWeek,
  weeklyContext,
  weeklyInsightsForAll,
  WeeklyReportWriter,
} from '@hirelearn/weekly-insights';
import { simulatedStore } from './simulated-store';
import { loadAverage } from './load-average';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/**
 * The attribution the actions come from, over two treatments, computed once per world (minutes
 * on 3,000 users, untimed) and kept beside it.
 */
async function benchAttribution(store: EventStore, db: string): Promise<OutcomeAttribution> {
  const file = path.join(path.dirname(db.replace(/^duckdb:\/\//, '')), 'weekly-attribution.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as OutcomeAttribution;
  const a0 = performance.now();
  const attribution = attributeTable(await loadAnalysisTable(store), {
    settings: attributionSettings({
      refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
    }),
    treatments: ['tailoring_applied', 'added_metrics_to_bullets'],
  });
  console.log(
    `(untimed, once per world) attribution over 2 treatments: ${((performance.now() - a0) / 1000).toFixed(1)} s`,
  );
  writeFileSync(file, JSON.stringify(attribution));
  return attribution;
}

async function main(): Promise<void> {
  const users = Number(arg('users', '3000'));
  const months = Number(arg('months', '12'));
  const seed = Number(arg('seed', '1'));
  const parsed = parseIsoWeek(arg('week', '2025-W40'));
  if (parsed.status !== 'ok') throw new Error(parsed.reason);
  const week = parsed.week;
  const db = await simulatedStore(users, months, seed);
  const store = await EventStore.open(db, { readOnly: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-weekly-'));
  const docs = await openDocumentStore(`sqlite://${path.join(dir, 'documents.sqlite')}`);
  try {
    const attribution = await benchAttribution(store, db);
    gc();
    console.log(`  before the run: heap ${mb(process.memoryUsage().heapUsed)}`);
    const t0 = performance.now();
    const ctx = await weeklyContext(store, {
      week,
      attribution,
      attribution_run_id: 'bench',
    });
    const shared = (performance.now() - t0) / 1000;
    const writer = new WeeklyReportWriter(docs, {
      format: 'html',
      out: path.join(dir, 'out'),
      alpha: ctx.settings.analytics.alpha,
    });
    let n = 0;
    let peakRss = 0;
    const byStatus: Record<string, number> = {};
    for await (const r of weeklyInsightsForAll(store, ctx)) {
      n++;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      await writer.deliver(r);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (n % 1000 === 0) {
        gc();
        const m = process.memoryUsage();
        console.log(`  ${n} users: heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}`);
      }
    }
    await writer.flush();
    const total = (performance.now() - t0) / 1000;

    const b0 = performance.now();
    const rows = await allUserPerformance(store, {
      label: week.label,
      start: week.start,
      end: week.end,
    });
    const baseline = (performance.now() - b0) / 1000;

    console.log(
      `weekly insights, ${week.label}, ${users}-user ${months}-month world (seed ${seed}); ${cpus().length} cores, load ${loadAverage()}`,
    );
    console.log(
      `  ${n} users (${JSON.stringify(byStatus)}), ${writer.written} HTML files, ${writer.logged} deliveries logged, ${writer.refused.length} kept back by the privacy audit`,
    );
    console.log(
      `  total ${total.toFixed(1)} s (shared parts ${shared.toFixed(1)} s); ${(n / total).toFixed(0)} users/s; peak RSS ${mb(peakRss)}`,
    );
    console.log(
      `baseline: analytics per-user performance query alone (${rows.length} users) ${baseline.toFixed(2)} s; weekly / baseline = ${(total / baseline).toFixed(1)}`,
    );
  } finally {
    await docs.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
