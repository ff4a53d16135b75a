/**
 * Monitor throughput: scoring N logged predictions already joined with their outcomes
 * (calibration, AUC, feature drift per rolling window, Page-Hinkley and ADWIN on the error
 * stream) next to a plain scan of the same rows in the same run (one pass summing the
 * probability and the label), with wall and CPU time (CPU time is the fairer figure on a
 * shared machine) and peak memory.
 *
 *   npx tsx tools/bench/monitor.ts [predictions=10000000]
 *   npx tsx tools/bench/monitor.ts detection   (detection delays on simulated worlds)
 *   (10M rows need a larger heap: NODE_OPTIONS=--max-old-space-size=8192)
 *
 * Rows are generated in memory with a seeded generator over 180 days: a calibrated model
 * (y ~ Bernoulli(p)), 1,000 distinct feature rows shared by the predictions (as applications
 * share the facts' values). Reading the predictions from the document store is not timed.
 */
import {
  modelHealthCollection,
  monitorSettings,
  predictionsCollection,
  runMonitor,
  scoreRecords,
  type ScoredRecord,
} from '@hirelearn/monitoring';
import { createRng } from '@hirelearn/stats';
import { openDocumentStore } from '@hirelearn/store';
import { InMemoryRegistry } from '../../libs/monitoring/src/testing/in-memory-registry';
import { buildMonitorWorld } from '../../libs/monitoring/src/testing/monitor-world';

const detection = process.argv[2] === 'detection';
const n = detection ? 0 : Number(process.argv[2] ?? 10_000_000);
const DAY = 86_400_000;
const T0 = Date.parse('2025-07-01T00:00:00Z');

function peakRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

async function main(): Promise<void> {
  const rng = createRng(7);
  const features = Array.from({ length: 1000 }, (_, i) => ({
    fit_score: 30 + (i % 70),
    resume_score: 40 + ((i * 7) % 60),
    fit_technical: 20 + ((i * 13) % 80),
    fit_seniority: 20 + ((i * 17) % 80),
    fit_experience: 20 + ((i * 19) % 80),
    fit_signal: 20 + ((i * 23) % 80),
    category: ['reach', 'target', 'safety'][i % 3],
    strategy_mode: ['IMPROVE_RESUME_FIRST', 'BALANCED', 'APPLY_AGGRESSIVELY'][i % 3],
  }));
  const records: ScoredRecord[] = new Array(n);
  const span = 180 * DAY;
  for (let i = 0; i < n; i++) {
    const p = 0.05 + 0.5 * rng.uniform();
    records[i] = {
      t: T0 + Math.floor((i / n) * span),
      p,
      y: rng.uniform() < p ? 1 : 0,
      features: features[rng.int(1000)],
    };
  }
  const base = process.memoryUsage().rss;

  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1e6;
  };
  let stop = peakRss();
  let cpu = process.cpuUsage();
  let start = process.hrtime.bigint();
  let sumP = 0;
  let sumY = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    sumP += r.p;
    sumY += r.y ?? 0;
  }
  const scanSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const scanCpu = cpuSeconds(cpu);
  const scanPeak = stop();

  stop = peakRss();
  cpu = process.cpuUsage();
  start = process.hrtime.bigint();
  const health = scoreRecords(
    { model: 'bench', version: 1, stage: 'production' },
    records,
    monitorSettings(),
  );
  const scoreSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const scoreCpu = cpuSeconds(cpu);
  const scorePeak = stop();

  const critical = health.filter((h) => h.critical.length > 0).length;
  console.log(`predictions                 ${n.toLocaleString('en')}`);
  console.log(`rows in memory (rss)        ${mb(base)}`);
  console.log(
    `plain scan                  ${scanSeconds.toFixed(3)} s wall, ${scanCpu.toFixed(3)} s cpu (${(n / scanSeconds / 1e6).toFixed(1)} M rows/s), peak rss ${mb(scanPeak)}; mean p ${(sumP / n).toFixed(4)}, rate ${(sumY / n).toFixed(4)}`,
  );
  console.log(
    `monitor scoring             ${scoreSeconds.toFixed(2)} s wall, ${scoreCpu.toFixed(2)} s cpu (${(n / scoreSeconds / 1e6).toFixed(2)} M rows/s), peak rss ${mb(scorePeak)} (+${mb(scorePeak - base)} over the rows)`,
  );
  console.log(
    `scoring / scan              ${(scoreSeconds / scanSeconds).toFixed(0)}x wall, ${(scoreCpu / scanCpu).toFixed(0)}x cpu`,
  );
  console.log(
    `windows                     ${health.length} (${critical} critical: expected 0, the model is calibrated)`,
  );
}

/**
 * `detection`: on simulated worlds (150 users, 6 months) whose hiring market loosens at the
 * third month (libs/sim `behaviourChange` base_rate +0.3 or +0.15 on every interview
 * probability) or does not change (0), the monitor's verdict, the delay of the first
 * Page-Hinkley and ADWIN detection after the change, and the worst window ECE.
 */
async function detectionDelays(): Promise<void> {
  for (const seed of [5, 6, 7]) {
    for (const change of [0.3, 0.15, 0]) {
      const w = await buildMonitorWorld({ users: 150, months: 6, seed, change });
      const docs = await openDocumentStore('sqlite::memory:');
      const predictions = predictionsCollection(docs);
      for (const p of w.predictions) await predictions.insert(p);
      const registry = new InMemoryRegistry('interview-likelihood', [1, 2]);
      const run = await runMonitor({ events: w.store, documents: docs, registry });
      const health = await modelHealthCollection(docs).find({});
      const days = (t: string | undefined) =>
        t === undefined ? '-' : ((Date.parse(t) - Date.parse(w.change_at)) / DAY).toFixed(1);
      const ph = health.flatMap((h) => h.page_hinkley_detections).sort()[0];
      const ad = health.flatMap((h) => h.adwin_detections).sort()[0];
      const ece = Math.max(...health.filter((h) => h.ece !== null).map((h) => h.ece as number));
      console.log(
        `seed ${seed} change +${change}: ${run.versions[0].rollback}; first Page-Hinkley ${days(ph)} d, ADWIN ${days(ad)} d after the change; worst ECE ${ece.toFixed(3)}; ${w.predictions.length} predictions`,
      );
      await w.store.close();
      await docs.close();
    }
  }
}

void (detection ? detectionDelays() : main());
