/**
 * The server side of `tools/bench/serving.ts`, in its own process so the load
 * generator shares neither its process nor its event loop:
 *   serving-server.ts service MODEL.json   the ensemble as the built service runs it
 *                                          (PredictInterview and ModelInfer, every
 *                                          prediction logged to SQLite on the log's worker thread)
 *                                          (LOG=off: the same without the log)
 *   serving-server.ts empty                the same two RPCs answered empty (no model, no log)
 * It prints `{"address": ...}` once serving. On stdin, `reset` starts a window and `report`
 * prints what this process went through since: its event-loop delay
 * (`perf_hooks.monitorEventLoopDelay`) and its GC pauses, to tell the service's own stalls
 * from the client's and the machine's. Closing stdin stops it (the log flushed first).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import * as pb from '@hirelearn/proto';
import { startGrpcServer, unary, type ServiceBinding } from '@hirelearn/rpc';
import { benchEnsemble } from './served-ensemble';

/** The same two RPCs answered empty: what grpc-js, the loopback and the machine cost alone. */
const EMPTY_BINDINGS: ServiceBinding[] = [
  {
    service: pb.InterviewPredictorService,
    implementation: { predictInterview: unary(() => ({ predictions: [] })) },
  },
  {
    service: pb.GRPCInferenceServiceService,
    implementation: { modelInfer: unary(() => pb.ModelInferResponse.fromPartial({})) },
  },
];

/** Event-loop delay and GC pauses since the last `reset`, in ms. */
function stallMonitor() {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let gc: number[] = [];
  let major: number[] = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.push(e.duration);
      // The kind is on `detail` (Node 16+), which these typings do not declare.
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) major.push(e.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  delay.enable();
  const ms = (ns: number) => Number((ns / 1e6).toFixed(2));
  return {
    reset() {
      delay.reset();
      gc = [];
      major = [];
    },
    report() {
      const sorted = [...gc].sort((a, b) => a - b);
      return {
        loop_delay_p50_ms: ms(delay.percentile(50)),
        loop_delay_p99_ms: ms(delay.percentile(99)),
        loop_delay_max_ms: ms(delay.max),
        gc_pauses: gc.length,
        gc_total_ms: Number(gc.reduce((a, b) => a + b, 0).toFixed(1)),
        gc_max_ms: Number((sorted[sorted.length - 1] ?? 0).toFixed(2)),
        gc_major_pauses: major.length,
        gc_major_max_ms: Number(Math.max(0, ...major).toFixed(2)),
        heap_used_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      };
    },
  };
}

async function main(): Promise<void> {
  const [kind, modelPath] = process.argv.slice(2);
  if (kind !== 'empty' && !(kind === 'service' && modelPath)) {
    throw new Error('usage: serving-server.ts service MODEL.json | serving-server.ts empty');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-serving-server-'));
  const app =
    kind === 'service'
      ? await benchEnsemble(dir, modelPath, { log: process.env.LOG === 'off' ? 'off' : 'worker' })
      : { bindings: EMPTY_BINDINGS, close: async () => {} };
  const server = await startGrpcServer(app.bindings);
  const monitor = stallMonitor();
  process.stdout.write(`${JSON.stringify({ address: server.address })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line === 'reset') monitor.reset();
    if (line === 'report') process.stdout.write(`${JSON.stringify(monitor.report())}\n`);
  });
  lines.on('close', () => {
    void server
      .shutdown()
      .then(app.close)
      .finally(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
