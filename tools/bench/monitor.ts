/**
 * Monitor throughput: scoring N logged predictions already joined with their outcomes
 * (calibration, AUC, feature drift per rolling window, Page-Hinkley and ADWIN on the error
 * stream) next to a plain scan of the same rows in the same run (one pass summing the
 * probability and the label), with wall time and peak memory.
 *
 *   npx tsx tools/bench/monitor.ts [predictions=10000000]
 *   (10M rows need a larger heap: NODE_OPTIONS=--max-old-space-size=8192)
 *
 * Rows are generated in memory with a seeded generator over 180 days: a calibrated model
 * (y ~ Bernoulli(p)), 1,000 distinct feature rows shared by the predictions (as applications
 * share the facts' values). Reading the predictions from the document store is not timed.
 */
import { monitorSettings, scoreRecords, type ScoredRecord } from '@hirelearn/monitoring';
import { createRng } from '@hirelearn/stats';

const n = Number(process.argv[2] ?? 10_000_000);
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

  let stop = peakRss();
  let start = process.hrtime.bigint();
  let sumP = 0;
  let sumY = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    sumP += r.p;
    sumY += r.y ?? 0;
  }
  const scanSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const scanPeak = stop();

  stop = peakRss();
  start = process.hrtime.bigint();
  const health = scoreRecords(
    { model: 'bench', version: 1, stage: 'production' },
    records,
    monitorSettings(),
  );
  const scoreSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const scorePeak = stop();

  const critical = health.filter((h) => h.critical.length > 0).length;
  console.log(`predictions                 ${n.toLocaleString('en')}`);
  console.log(`rows in memory (rss)        ${mb(base)}`);
  console.log(
    `plain scan                  ${scanSeconds.toFixed(3)} s (${(n / scanSeconds / 1e6).toFixed(1)} M rows/s), peak rss ${mb(scanPeak)}; mean p ${(sumP / n).toFixed(4)}, rate ${(sumY / n).toFixed(4)}`,
  );
  console.log(
    `monitor scoring             ${scoreSeconds.toFixed(2)} s (${(n / scoreSeconds / 1e6).toFixed(2)} M rows/s), peak rss ${mb(scorePeak)} (+${mb(scorePeak - base)} over the rows)`,
  );
  console.log(`scoring / scan              ${(scoreSeconds / scanSeconds).toFixed(0)}x`);
  console.log(
    `windows                     ${health.length} (${critical} critical: expected 0, the model is calibrated)`,
  );
}

void main();
