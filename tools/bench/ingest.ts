/**
 * Ingest throughput: validated-and-stored events per second for NDJSON into the embedded
 * store, next to the parse-only rate of the same file in the same run (read lines and
 * JSON.parse, nothing else), and peak memory at 1x and 4x the file size.
 *
 *   make build && npx tsx tools/bench/ingest.ts [events=200000]
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { EventStore } from '@hirelearn/store';
import { ingest, workerValidator } from '@hirelearn/ingest';

function applicationEvents(i: number): string[] {
  const user = `u${i % 5000}`;
  const app = `a${i}`;
  const day = 1 + (i % 28);
  const context = {
    strategy_mode: 'BALANCED',
    fit_score: 40 + (i % 60),
    fit_components: { technical: 60, seniority: 55, experience: 70, signal: 40 },
    category: ['reach', 'target', 'safety'][i % 3],
    job_characteristics: {
      title: 'Data Engineer',
      company: `Company ${i % 900}`,
      seniority: 'mid',
      location: 'Berlin',
      industry: 'software',
      company_size: '201-500',
    },
    resume_score: 50 + (i % 50),
    tailoring_applied: i % 2 === 0,
  };
  const base = {
    user_id: user,
    application_id: app,
    job_id: `j${i}`,
    resume_version_id: `r${i % 7000}`,
  };
  return [
    JSON.stringify({
      event_id: `c${i}`,
      event_type: 'APPLICATION_CREATED',
      timestamp: `2026-02-${String(day).padStart(2, '0')}T09:00:00Z`,
      ...base,
      context,
    }),
    JSON.stringify({
      event_id: `s${i}`,
      event_type: 'APPLICATION_SUBMITTED',
      timestamp: `2026-02-${String(day).padStart(2, '0')}T10:00:00Z`,
      ...base,
      context,
    }),
    JSON.stringify({
      event_id: `x${i}`,
      event_type: 'STATUS_CHANGED',
      timestamp: `2026-03-${String(day).padStart(2, '0')}T10:00:00Z`,
      user_id: user,
      application_id: app,
      job_id: `j${i}`,
      outcome: { status: i % 4 === 0 ? 'interview' : 'rejected', days_to_response: 7 },
    }),
  ];
}

function writeFile(file: string, events: number): void {
  const lines: string[] = [];
  for (let i = 0; lines.length < events; i++) lines.push(...applicationEvents(i));
  writeFileSync(file, `${lines.slice(0, events).join('\n')}\n`);
}

async function parseOnly(file: string): Promise<number> {
  const started = process.hrtime.bigint();
  let n = 0;
  const rl = createInterface({
    input: createReadStream(file, { highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  for await (const line of rl) {
    if (line.length > 0) {
      JSON.parse(line);
      n += 1;
    }
  }
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Runs an ingest while sampling RSS; returns the rate and the peak RSS growth in MB. */
async function ingestRun(
  file: string,
  db: string,
): Promise<{ rate: number; peakMb: number; seconds: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const store = await EventStore.open(`duckdb://${db}`);
  // The CLI's validator: worker threads running the built worker (make build), else in-thread.
  const validator = workerValidator(path.resolve('dist/apps/cli/validate-worker.js'), 2);
  const report = await ingest(store, [file], { validator });
  await store.close();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    rate: report.received / report.seconds,
    peakMb: (peak - base) / 2 ** 20,
    seconds: report.seconds,
  };
}

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 200_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-bench-'));
  try {
    const small = path.join(dir, 'x1.ndjson');
    const large = path.join(dir, 'x4.ndjson');
    writeFile(small, events);
    writeFile(large, events * 4);
    const mb = (f: string) => (statSync(f).size / 2 ** 20).toFixed(0);
    const parseRate = await parseOnly(small);
    const one = await ingestRun(small, path.join(dir, 'a.duckdb'));
    const four = await ingestRun(large, path.join(dir, 'b.duckdb'));
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(
      `file 1x: ${events.toLocaleString('en-US')} events, ${mb(small)} MB; 4x: ${mb(large)} MB`,
    );
    console.log(`parse-only (read lines + JSON.parse):   ${fmt(parseRate)} events/s`);
    console.log(
      `validated and stored (1x):              ${fmt(one.rate)} events/s (${one.seconds.toFixed(1)} s)`,
    );
    console.log(
      `validated and stored (4x):              ${fmt(four.rate)} events/s (${four.seconds.toFixed(1)} s)`,
    );
    console.log(`ratio stored / parse-only:              ${(one.rate / parseRate).toFixed(2)}`);
    console.log(
      `peak RSS growth 1x: ${one.peakMb.toFixed(0)} MB, 4x: ${four.peakMb.toFixed(0)} MB (ratio ${(four.peakMb / one.peakMb).toFixed(2)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
