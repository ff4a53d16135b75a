/**
 * The validated ingest against DuckDB's own load of the same file, in the same run: a simulated
 * world (700 users over 12 months with 2 bad events of every kind, about 150,000 lines) is
 * written once, then, interleaved round by round so that both see the same machine:
 *
 * - raw: `CREATE TABLE AS SELECT * FROM read_json(file, ignore_errors = true)` into a fresh
 *   DuckDB file and a CHECKPOINT; no validation, no duplicates, no quarantine.
 * - floor: what any ingest into this store writes, without the door: the file's lines read as
 *   the ingest reads them (`readInputLines`), appended in batches of 20,000, each batch's
 *   well-formed lines stored as events in one transaction (their columns taken by DuckDB, the
 *   content hash), the facts built, the file written once. No validation, duplicates, pending,
 *   quarantine or erasure: the part of the ingest's time its data model sets, whatever the door
 *   costs.
 * - ingest: the CLI's whole ingest (`ingest` with the worker validator) into a fresh store file,
 *   from opening the store to closing it: validation, quarantine, duplicates, pending,
 *   erasures and the file's rewrite after them, facts.
 *
 * Prints each round's wall and CPU time (the process's, DuckDB's threads and the validator's
 * included: steadier than wall time on a shared machine), the medians, the ratios of the medians
 * the ingest's peak RSS growth and the machine's load average.
 *
 *   make build && npx tsx tools/bench/ingest.ts [rounds=5] [users=700]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  DEFAULT_LINE_LIMITS,
  defaultValidateThreads,
  ingest,
  readInputLines,
  workerValidator,
} from '@hirelearn/ingest';
import { defaultSimSettings, writeWorld } from '@hirelearn/sim';
import { duckdbMemory } from '@hirelearn/env';
import { DEFAULT_DUCKDB_MEMORY, DEFAULT_FACTS_SETTINGS, EventStore } from '@hirelearn/store';
import { loadAverage } from './load-average';

/** The store's buffer pool (HIRELEARN_DUCKDB_MEMORY), given to the store and the raw load. */
const MEMORY_LIMIT = duckdbMemory(process.env) ?? DEFAULT_DUCKDB_MEMORY;

function removeDb(file: string): void {
  for (const f of [file, `${file}.wal`]) rmSync(f, { force: true });
}

interface Timing {
  readonly seconds: number;
  readonly cpu: number;
}

/** Wall and CPU seconds since `started` and `cpu0`. */
function since(started: number, cpu0: NodeJS.CpuUsage): Timing {
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

/** DuckDB's own load: its timing and rows. The path is a parameter, never SQL text. */
async function rawLoad(file: string, db: string): Promise<Timing & { rows: number }> {
  removeDb(db);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const instance = await DuckDBInstance.create(db, { memory_limit: MEMORY_LIMIT });
  const connection = await instance.connect();
  await connection.run(
    `CREATE TABLE raw AS SELECT * FROM read_json($1, format = 'newline_delimited', ignore_errors = true)`,
    [file],
  );
  await connection.run('CHECKPOINT');
  const rows = (await connection.runAndReadAll('SELECT count(*) FROM raw')).getRowsJson()[0][0];
  connection.closeSync();
  instance.closeSync();
  return { ...since(started, cpu0), rows: Number(rows) };
}

/** The ingest's batch size (`IngestOptions.batchSize`'s default), for the floor. */
const FLOOR_BATCH = 20_000;

/** One floor batch into `raw_events`, in one transaction; only well-formed lines, no checks. */
async function floorBatch(
  connection: DuckDBConnection,
  source: string,
  lines: readonly (readonly [number, string])[],
): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  const appender = await connection.createAppender('floor_lines', 'main', 'temp');
  for (const [line, text] of lines) {
    appender.appendBigInt(BigInt(line));
    appender.appendVarchar(text);
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(
    `INSERT INTO raw_events
     SELECT f[1], f[2], f[3], f[4], f[5]::TIMESTAMPTZ::TIMESTAMP, text, md5(text), $1, line
     FROM (SELECT line, text, json_extract_string(text,
             ['$.event_id', '$.event_type', '$.user_id', '$.application_id', '$.timestamp']) AS f
           FROM floor_lines WHERE json_valid(text))
     WHERE f[1] IS NOT NULL AND f[2] IS NOT NULL AND try_cast(f[5] AS TIMESTAMPTZ) IS NOT NULL`,
    [source],
  );
  await connection.run('DELETE FROM floor_lines');
  await connection.run('COMMIT');
}

/**
 * The store's floor: the store's schema (opened once by `EventStore`, then closed), the lines
 * read as the ingest reads them and stored without the door, then the facts built by the
 * store, which writes the file once when it closes.
 */
async function storeFloor(file: string, db: string): Promise<Timing & { stored: number }> {
  removeDb(db);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await (await EventStore.open(`duckdb://${db}`, { memoryLimit: MEMORY_LIMIT })).close();
  const instance = await DuckDBInstance.create(db, {
    memory_limit: MEMORY_LIMIT,
    checkpoint_threshold: '256MB',
  });
  const connection = await instance.connect();
  await connection.run('CREATE TEMP TABLE floor_lines (line BIGINT, text VARCHAR)');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let batch: [number, string][] = [];
  for await (const { bytes, line, cut } of readInputLines(file, DEFAULT_LINE_LIMITS)) {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      continue;
    }
    if (!cut) batch.push([line, text]);
    if (batch.length >= FLOOR_BATCH) {
      await floorBatch(connection, file, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await floorBatch(connection, file, batch);
  connection.closeSync();
  instance.closeSync();
  // The facts as the ingest builds them; closing writes the file once (DuckDB's checkpoint).
  const store = await EventStore.open(`duckdb://${db}`, { memoryLimit: MEMORY_LIMIT });
  await store.rebuildFacts(DEFAULT_FACTS_SETTINGS);
  const { events } = await store.status();
  await store.close();
  return { ...since(started, cpu0), stored: events };
}

/** The whole ingest as the CLI runs it: its timing, lines received and peak RSS growth in MB. */
async function validatedIngest(
  file: string,
  db: string,
): Promise<Timing & { received: number; stored: number; peakMb: number }> {
  removeDb(db);
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const store = await EventStore.open(`duckdb://${db}`, { memoryLimit: MEMORY_LIMIT });
  // The CLI's validator: worker threads running the built worker (make build), else in-thread.
  const validator = workerValidator(
    path.resolve('dist/apps/cli/validate-worker.js'),
    defaultValidateThreads(),
  );
  const report = await ingest(store, [file], { validator });
  await store.close();
  const timing = since(started, cpu0);
  clearInterval(timer);
  return {
    ...timing,
    received: report.received,
    stored: report.stored,
    peakMb: (Math.max(peak, process.memoryUsage().rss) - base) / 2 ** 20,
  };
}

function show(t: Timing): string {
  return `${t.seconds.toFixed(2)} s wall, ${t.cpu.toFixed(2)} s CPU`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const users = Number(process.argv[3] ?? 700);
  const dir = mkdtempSync(path.join(tmpdir(), 'hirelearn-bench-ingest-'));
  try {
    const world = await writeWorld(
      defaultSimSettings({ users, months: 12, seed: 42, bad: 2 }),
      path.join(dir, 'world'),
    );
    console.log(`world: ${world.events.toLocaleString('en-US')} lines, ${users} users, 12 months`);
    const raw: Timing[] = [];
    const floor: Timing[] = [];
    const validated: Timing[] = [];
    let peakMb = 0;
    for (let round = 1; round <= rounds; round++) {
      // Alternate which goes first, so neither always runs on a warmer page cache.
      const order = round % 2 === 1 ? ['raw', 'floor', 'ingest'] : ['ingest', 'floor', 'raw'];
      for (const which of order) {
        if (which === 'raw') {
          const r = await rawLoad(world.path, path.join(dir, 'raw.duckdb'));
          raw.push(r);
          console.log(`round ${round} raw:    ${show(r)} (${r.rows} rows), load ${loadAverage()}`);
        } else if (which === 'floor') {
          const r = await storeFloor(world.path, path.join(dir, 'floor.duckdb'));
          floor.push(r);
          console.log(
            `round ${round} floor:  ${show(r)} (${r.stored} stored), load ${loadAverage()}`,
          );
        } else {
          const r = await validatedIngest(world.path, path.join(dir, 'store.duckdb'));
          validated.push(r);
          peakMb = Math.max(peakMb, r.peakMb);
          console.log(
            `round ${round} ingest: ${show(r)} (${r.received} received, ${r.stored} stored), load ${loadAverage()}`,
          );
        }
      }
    }
    const medians = (ts: Timing[]): Timing => ({
      seconds: median(ts.map((t) => t.seconds)),
      cpu: median(ts.map((t) => t.cpu)),
    });
    const rawMedian = medians(raw);
    const floorMedian = medians(floor);
    const ingestMedian = medians(validated);
    const rate = Math.round(world.events / ingestMedian.seconds).toLocaleString('en-US');
    console.log(`raw read_json load, medians:  ${show(rawMedian)}`);
    console.log(`store floor, medians:         ${show(floorMedian)}`);
    console.log(`validated ingest, medians:    ${show(ingestMedian)} (${rate} lines/s)`);
    console.log(
      `ratio ingest / raw load:      ${(ingestMedian.seconds / rawMedian.seconds).toFixed(2)} wall ` +
        `(goal 1.5), ${(ingestMedian.cpu / rawMedian.cpu).toFixed(2)} CPU`,
    );
    console.log(
      `ratio floor / raw load:       ${(floorMedian.seconds / rawMedian.seconds).toFixed(2)} wall, ` +
        `${(floorMedian.cpu / rawMedian.cpu).toFixed(2)} CPU (what the store's data model costs)`,
    );
    console.log(
      `ratio ingest / floor:         ${(ingestMedian.seconds / floorMedian.seconds).toFixed(2)} wall, ` +
        `${(ingestMedian.cpu / floorMedian.cpu).toFixed(2)} CPU (what the door costs)`,
    );
    console.log(`ingest peak RSS growth:       ${peakMb.toFixed(0)} MB`);
    console.log(`load average (1, 5, 15 min):  ${loadAverage()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
