/**
 * Single predictions open loop at RATE calls/s (default 1,000) for SECONDS (default 10), with
 * the load generator in a process of its own: Debian's Python grpcio (`tools/bench/open_loop.py`
 * on /usr/bin/python3), so it shares neither the service's process nor its event loop nor its
 * runtime. Three processes: the generator, the service (`serving-server.ts service`: the
 * ensemble with its prediction log on SQLite, as the built app runs it) and an empty-answer
 * server (`serving-server.ts empty`), the generator's own floor in the same run.
 * Each round loads, one RPC at a time: the empty server and the service with single-row
 * `ModelInfer` (inference.GRPCInferenceService, the ensemble) and with single-application
 * `PredictInterview` (hirelearn.v1.InterviewPredictor); latency from each call's scheduled
 * time. Printed per run: p50/p99/max, the service's p99 over the empty server's (the ratio),
 * the generator's send lateness (its timer and scheduling floor), and each server process's
 * event-loop delay and GC pauses during the run; the load average before each run (the
 * machine is shared). Usage:
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/serving.ts MODEL.json
 *   # RATE=1000 SECONDS=10 ROUNDS=1 PYTHON=/usr/bin/python3 SERVER_NODE_FLAGS='--max-semi-space-size=32'
 *   # LOG=off: the service without its prediction log
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import * as pb from '@hirelearn/proto';
import { benchApplication } from './served-ensemble';
import { loadAverage } from './load-average';

const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const WARMUP = 500;
/** V8 flags for both server processes (e.g. `--max-semi-space-size=32`), to try GC settings. */
const NODE_FLAGS = (process.env.SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);

interface Spread {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}
interface LoadResult {
  readonly calls: number;
  readonly errors: number;
  readonly unanswered: number;
  readonly from_schedule: Spread;
  readonly from_send: Spread;
  readonly send_late: Spread;
}
interface Stalls {
  readonly loop_delay_p50_ms: number;
  readonly loop_delay_p99_ms: number;
  readonly loop_delay_max_ms: number;
  readonly gc_pauses: number;
  readonly gc_total_ms: number;
  readonly gc_max_ms: number;
  readonly gc_major_pauses: number;
  readonly gc_major_max_ms: number;
  readonly heap_used_mb: number;
}

/** A server process of `serving-server.ts`, answering `reset`/`report` on its stdin. */
interface ServerProcess {
  readonly address: string;
  command(line: 'reset'): void;
  report(): Promise<Stalls>;
  stop(): Promise<void>;
}

async function startServer(args: string[]): Promise<ServerProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      ...NODE_FLAGS,
      // tsx's require hook in this very process: through tsx's CLI the server would run in a
      // child process that the V8 flags above never reach.
      '--require',
      require.resolve('tsx/cjs'),
      path.join(__dirname, 'serving-server.ts'),
      ...args,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`server ${args[0]} exited with ${code}`)));
    });
  const { address } = JSON.parse(await next()) as { address: string };
  return {
    address,
    command: (line) => child.stdin.write(`${line}\n`),
    async report() {
      const answer = next();
      child.stdin.write('report\n');
      return JSON.parse(await answer) as Stalls;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** Runs the Python generator against one method; its JSON answer. */
function generate(address: string, method: string, requestsFile: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const py = spawn(PYTHON, [
      path.join(__dirname, 'open_loop.py'),
      address,
      method,
      requestsFile,
      String(RATE),
      String(SECONDS),
      String(WARMUP),
    ]);
    let out = '';
    let err = '';
    py.stdout.on('data', (d: Buffer) => (out += d.toString()));
    py.stderr.on('data', (d: Buffer) => (err += d.toString()));
    py.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as LoadResult)
        : reject(new Error(`${PYTHON} open_loop.py exited with ${code}: ${err}`)),
    );
  });
}

/** Messages as the generator reads them: each a 4-byte little-endian length, then the bytes. */
function framed(messages: readonly Uint8Array[]): Buffer {
  return Buffer.concat(
    messages.flatMap((m) => {
      const n = Buffer.alloc(4);
      n.writeUInt32LE(m.length);
      return [n, Buffer.from(m)];
    }),
  );
}

/** 500 different single applications, as PredictInterview requests. */
const predictRequests = (): Uint8Array[] =>
  Array.from({ length: 500 }, (_, i) =>
    pb.PredictInterviewRequest.encode({
      applications: [benchApplication(i)],
    }).finish(),
  );

/** The same 500 applications as single-row ModelInfer requests on the ensemble. */
const inferRequests = (): Uint8Array[] =>
  Array.from({ length: 500 }, (_, i) => {
    const tensor = (name: string, datatype: string, contents: Partial<pb.InferTensorContents>) => ({
      name,
      datatype,
      shape: [1],
      parameters: {},
      contents: pb.InferTensorContents.fromPartial(contents),
    });
    const fp64 = (name: string, v: number) => tensor(name, 'FP64', { fp64_contents: [v] });
    const bytes = (name: string, v: string) =>
      tensor(name, 'BYTES', { bytes_contents: [Buffer.from(v)] });
    return pb.ModelInferRequest.encode(
      pb.ModelInferRequest.fromPartial({
        model_name: 'ensemble',
        inputs: [
          fp64('fit_technical', 40 + (i % 50)),
          fp64('fit_seniority', 80),
          fp64('fit_experience', 60),
          fp64('fit_signal', 55),
          fp64('resume_score', 72),
          tensor('tailoring_applied', 'BOOL', { bool_contents: [true] }),
          bytes('category', 'target'),
          bytes('job_seniority', 'mid'),
          bytes('user_seniority', 'mid'),
          bytes('strategy_mode', 'BALANCED'),
          bytes('application_id', `a-${i}`),
          bytes('user_id', `u-${i % 100}`),
        ],
      }),
    ).finish();
  });

const f = (x: number) => x.toFixed(2);
const load = loadAverage;

async function main(): Promise<void> {
  const modelPath = process.argv[2];
  if (!modelPath) throw new Error('usage: serving.ts MODEL.json');
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-serving-open-'));
  const rpcs = [
    {
      name: 'ModelInfer (1 row)',
      method: '/inference.GRPCInferenceService/ModelInfer',
      file: path.join(dir, 'infer.bin'),
      requests: inferRequests(),
    },
    {
      name: 'PredictInterview (1 application)',
      method: '/hirelearn.v1.InterviewPredictor/PredictInterview',
      file: path.join(dir, 'predict.bin'),
      requests: predictRequests(),
    },
  ];
  for (const r of rpcs) writeFileSync(r.file, framed(r.requests));
  const [service, empty] = await Promise.all([
    startServer(['service', path.resolve(modelPath)]),
    startServer(['empty']),
  ]);
  const run = async (server: ServerProcess, rpc: (typeof rpcs)[number]) => {
    const loadBefore = load();
    server.command('reset');
    const result = await generate(server.address, rpc.method, rpc.file);
    return { load: loadBefore, result, stalls: await server.report() };
  };
  process.stdout.write(
    `open loop ${RATE} calls/s for ${SECONDS} s per run, generator ${PYTHON} (grpcio), ` +
      `${WARMUP} sequential warm-up calls per run; service with its prediction log (SQLite, worker thread)` +
      `${NODE_FLAGS.length ? `; server flags ${NODE_FLAGS.join(' ')}` : ''}\n`,
  );
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const rpc of rpcs) {
        // The floor first, then the service, each in its own run with the same generator.
        const floor = await run(empty, rpc);
        const served = await run(service, rpc);
        const line = (who: string, x: Awaited<ReturnType<typeof run>>) => {
          const r = x.result;
          const s = x.stalls;
          return (
            `  ${who.padEnd(8)} load ${x.load}: p50 ${f(r.from_schedule.p50)} / p99 ${f(r.from_schedule.p99)} / max ${f(r.from_schedule.max)} ms` +
            ` (from the actual send p99 ${f(r.from_send.p99)}; sent late p99 ${f(r.send_late.p99)}, max ${f(r.send_late.max)}; ` +
            `${r.errors} errors, ${r.unanswered} unanswered of ${r.calls}); ` +
            `server event-loop delay p99 ${f(s.loop_delay_p99_ms)} / max ${f(s.loop_delay_max_ms)} ms, ` +
            `GC ${s.gc_pauses} pauses, ${s.gc_total_ms} ms in all, longest ${f(s.gc_max_ms)} ms ` +
            `(major ${s.gc_major_pauses}, longest ${f(s.gc_major_max_ms)} ms), heap ${s.heap_used_mb} MB\n`
          );
        };
        process.stdout.write(
          `round ${round}, ${rpc.name}:\n` +
            line('empty', floor) +
            line('service', served) +
            `  ratio of the p99s (service / empty): ${(served.result.from_schedule.p99 / floor.result.from_schedule.p99).toFixed(2)}; ` +
            `p50s: ${(served.result.from_schedule.p50 / floor.result.from_schedule.p50).toFixed(2)}\n`,
        );
      }
    }
  } finally {
    await Promise.all([service.stop(), empty.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
