/**
 * Benchmark of the simulator: 3,000 users x 12 months streamed to a temp dir.
 * Run: npx tsx tools/bench/simulate.ts [--users N] [--months M] [--keep]
 *
 * Prints wall time, CPU time, events, events/s and peak RSS, and a ratio against a
 * baseline measured in the same process: JSON.stringify of as many events of similar size
 * written to a file, the floor any NDJSON producer pays. Goal: under 30 s and 1 GB.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSimSettings, writeWorld } from '@hirelearn/sim';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** Stringifies and writes `count` events shaped like an APPLICATION_SUBMITTED of `bytes`. */
async function baseline(
  dir: string,
  count: number,
  bytes: number,
): Promise<{ wall: number; cpu: number }> {
  const pad = 'x'.repeat(Math.max(0, bytes - 560));
  const out = createWriteStream(join(dir, 'baseline.ndjson'));
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    const event = {
      event_id: `ev-${i}`,
      event_type: 'APPLICATION_SUBMITTED',
      user_id: `user-${i % 3000}`,
      timestamp: new Date(1735689600000 + i * 1000).toISOString(),
      application_id: `app-${i}`,
      job_id: `job-${i % 40000}`,
      resume_version_id: `rv-${i % 9000}`,
      context: {
        strategy_mode: 'BALANCED',
        fit_score: (i % 1000) / 10,
        fit_components: { technical: 61.2, seniority: 80, experience: 70.5, signal: 55 },
        category: 'target',
        job_characteristics: {
          title: 'Senior Data Engineer',
          company: 'Northlabs',
          seniority: 'senior',
          location: 'Berlin',
          industry: 'fintech',
          company_size: '51-200',
          company_stage: 'series_b',
        },
        resume_score: 64.3,
        tailoring_applied: i % 2 === 0,
        note: pad,
      },
    };
    chunk.push(JSON.stringify(event));
    if (chunk.length === 2000) {
      if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain');
      chunk = [];
    }
  }
  out.write(chunk.join('\n') + '\n');
  await new Promise<void>((resolve) => out.end(() => resolve()));
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

async function main(): Promise<void> {
  const users = arg('users', 3000);
  const months = arg('months', 12);
  const dir = await mkdtemp(join(tmpdir(), 'hirelearn-sim-bench-'));
  const settings = defaultSimSettings({ users, months, seed: 7 });
  let peakRss = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const result = await writeWorld(settings, dir, () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const size = (await stat(result.path)).size;
  const avgBytes = Math.round(size / result.events);
  const base = await baseline(dir, result.events, avgBytes);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  console.log(`simulate ${users} users x ${months} months -> ${dir}`);
  console.log(`  time        ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s cpu`);
  console.log(`  events      ${result.events} lines, ${mb(size)} (${avgBytes} B/line)`);
  console.log(`  throughput  ${Math.round(result.events / seconds)} events/s`);
  console.log(`  peak RSS    ${mb(rss)}`);
  console.log(
    `  baseline    JSON.stringify + write of ${result.events} events of ${avgBytes} B: ${base.wall.toFixed(2)} s wall, ${base.cpu.toFixed(2)} s cpu`,
  );
  console.log(
    `  ratio       ${(seconds / base.wall).toFixed(1)}x wall, ${(cpuSeconds / base.cpu).toFixed(1)}x cpu (cpu is steadier on a shared machine)`,
  );
  console.log(
    `  goal        ${seconds < 30 ? 'met' : 'MISSED'}: < 30 s; ${rss < 1024 ** 3 ? 'met' : 'MISSED'}: < 1 GB`,
  );
  if (!process.argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
