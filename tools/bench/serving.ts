/**
 * gRPC PredictInterview on loopback, every prediction logged to an SQLite document store
 * through the log's worker thread as the built services do (INTHREAD=1: on the service's
 * thread; NOLOG=1: no log; ONNX=0: the logistic member from JSON), next to the in-process
 * prediction time in the same run:
 *   - single calls one at a time (p50/p99), and the throughput with 16 calls in flight;
 *   - an open-loop load at RATE calls/s (default 1,000) for SECONDS (default 10): calls are
 *     sent on a fixed schedule whatever the answers do, and each latency is measured from
 *     the call's scheduled time, so a stall counts against every call it delays (and from
 *     its actual send, and the service thread's event-loop delay, to see whose stall it was);
 *   - the same open loop against a server that answers the same RPC empty (no model, no log):
 *     the baseline of what grpc-js, the loopback and the machine cost without the service;
 *   - batches of 1,000 applications (p50/p99);
 *   - the same batch predicted in process (no gRPC, no log).
 * The load runs on a worker thread (its own event loop and heap, but the service's process
 * and cores), sending pre-encoded requests and not decoding answers; the server runs on
 * the main thread. The open loop with the generator in a process of its own, and the empty
 * server in another, is `tools/bench/serving-open-loop.ts` (the figure the README quotes).
 * The load average is printed before and after (the machine is shared). Usage:
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/serving.ts .hirelearn/models/ensemble-seed1.json
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as pb from '@hirelearn/proto';
import { startGrpcServer, unary } from '@hirelearn/proto';
import { Registry } from '@hirelearn/registry';
import { openDocumentStore } from '@hirelearn/store';
import {
  DEFAULT_ENSEMBLE_PREDICTOR,
  ensemblePredictorBindings,
  featuresFromPb,
  PREDICTIONS_COLLECTION,
  PredictionLog,
  predictInterview,
  predictServable,
  registryView,
  servedEnsemble,
  storeSink,
  workerSink,
} from '@hirelearn/services';

const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 10);

/** The client: plain JS on a worker thread, raw bytes in and out (no decoding on its side). */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const grpc = require('@grpc/grpc-js');
const { address, method } = workerData;
// A receive window larger than a batch answer (about 280 KB for 1,000 predictions), so the
// answer is not held up by HTTP/2 flow-control round trips (the default window is 64 KiB).
const client = new grpc.Client(address, grpc.credentials.createInsecure(), {
  'grpc-node.flow_control_window': Number(process.env.WINDOW ?? 1 << 20),
});
const raw = (b) => b;
const call = (bytes, done) => client.makeUnaryRequest(method, raw, raw, Buffer.from(bytes), done);
const once = (bytes) => new Promise((ok, ko) => call(bytes, (e) => (e ? ko(e) : ok())));
parentPort.on('message', async (job) => {
  const out = [];
  if (job.kind === 'sequential') {
    for (let i = 0; i < job.n; i++) {
      const s = performance.now();
      await once(job.requests[i % job.requests.length]);
      out.push(performance.now() - s);
    }
    parentPort.postMessage({ latencies: out, errors: 0, seconds: 0 });
    return;
  }
  if (job.kind === 'concurrent') {
    // Closed loop: job.inFlight callers, each sending its next call when the last returns.
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: job.inFlight }, async () => {
      while (next < job.n) await once(job.requests[next++ % job.requests.length]);
    }));
    parentPort.postMessage({ latencies: [], errors: 0, seconds: (performance.now() - t0) / 1000 });
    return;
  }
  // Open loop: call k is due at t0 + k/rate whatever happened to the calls before it.
  const total = Math.round(job.rate * job.seconds);
  const interval = 1000 / job.rate;
  const lat = new Float64Array(total);
  // Also from the moment the call actually left: when this thread is starved it sends late,
  // and the difference between the two says how much of a stall was the client's.
  const sentLat = new Float64Array(total);
  let sent = 0, done = 0, errors = 0;
  const t0 = performance.now() + 5;
  const finish = () => parentPort.postMessage({
    latencies: Array.from(lat), fromSend: Array.from(sentLat), errors,
    seconds: (performance.now() - t0) / 1000,
  });
  const tick = () => {
    const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
    while (sent < due) {
      const k = sent++;
      const scheduled = t0 + k * interval;
      const sentAt = performance.now();
      call(job.requests[k % job.requests.length], (e) => {
        lat[k] = performance.now() - scheduled;
        sentLat[k] = performance.now() - sentAt;
        if (e) errors++;
        if (++done === total) finish();
      });
    }
    if (sent < total) setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
  };
  setTimeout(tick, 5);
});
`;

interface Result {
  readonly latencies: number[];
  /** Open loop: each call's latency from the moment it was sent. */
  readonly fromSend?: number[];
  readonly errors: number;
  readonly seconds: number;
}

const quantile = (xs: readonly number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const f = (x: number) => x.toFixed(2);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-serving-'));
  const docs = await openDocumentStore(`sqlite://${path.join(dir, 'docs.sqlite')}`);
  const registry = await Registry.open({ documents: docs, artifactsDir: path.join(dir, 'a') });
  await registry.register({
    model: 'ensemble',
    content: readFileSync(process.argv[2]),
    format: 'json_params',
    metrics: {},
    training_data_window: { start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' },
    seed: 1,
    code_version: 'bench',
    settings_hash: 'bench',
    registered_by: 'bench',
  });
  await registry.promote('ensemble', 1, { by: 'bench', reason: 'bench' });
  // ONNX=0: every member from its JSON weights (the logistic too), to see onnxruntime's share.
  const useOnnx = process.env.ONNX !== '0';
  const served = servedEnsemble(registryView(registry), { ...DEFAULT_ENSEMBLE_PREDICTOR, useOnnx });
  await served.start();
  // The log as the built services run it: on a worker thread with its own connection
  // (INTHREAD=1: on the service's thread, as when the worker script is missing).
  // From source, the worker loads the TypeScript entry through tsx's require hook.
  const shim = path.join(dir, 'prediction-log-worker.js');
  const entry = path.resolve(__dirname, '../../libs/services/src/prediction-log-worker.ts');
  writeFileSync(
    shim,
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(entry)});\n`,
  );
  const url = `sqlite://${path.join(dir, 'docs.sqlite')}`;
  const sink = process.env.NOLOG
    ? null
    : process.env.INTHREAD
      ? storeSink(docs)
      : workerSink(shim, url);
  const log = sink ? new PredictionLog(sink) : null;
  const server = await startGrpcServer(
    ensemblePredictorBindings(served, log, { ...DEFAULT_ENSEMBLE_PREDICTOR, useOnnx }),
  );
  const app = (i: number): pb.ApplicationFeatures =>
    pb.ApplicationFeatures.fromPartial({
      application_id: `a-${i}`,
      user_id: `u-${i % 100}`,
      strategy_mode: 'BALANCED',
      fit_components: { technical: 40 + (i % 50), seniority: 80, experience: 60, signal: 55 },
      category: 'target',
      job: { seniority: 'mid' },
      resume_score: 72,
      tailoring_applied: true,
      user_seniority: 'mid',
    });
  const encode = (apps: pb.ApplicationFeatures[]) =>
    pb.PredictInterviewRequest.encode({ applications: apps }).finish();
  const singles = Array.from({ length: 500 }, (_, i) => encode([app(i)]));
  const batch = Array.from({ length: 1000 }, (_, i) => app(i));
  const batchRequest = encode(batch);

  // The baseline: the same RPC answered empty by a server with no model and no log, so its
  // latency is what grpc-js, the loopback and this machine cost on their own.
  const floor = await startGrpcServer([
    {
      service: pb.InterviewPredictorService,
      implementation: { predictInterview: unary(() => ({ predictions: [] })) },
    },
  ]);
  const client = (address: string) =>
    new Worker(CLIENT, {
      eval: true,
      workerData: { address, method: '/hirelearn.v1.InterviewPredictor/PredictInterview' },
    });
  const worker = client(server.address);
  const floorWorker = client(floor.address);
  const on = (w: Worker) => (job: object) =>
    new Promise<Result>((resolve) => {
      w.once('message', resolve);
      w.postMessage(job);
    });
  const run = on(worker);
  const loadBefore = load();
  await run({ kind: 'sequential', n: 500, requests: singles }); // warm-up
  const single = await run({ kind: 'sequential', n: 3000, requests: singles });
  const closed = await run({ kind: 'concurrent', n: 6000, inFlight: 16, requests: singles });
  // How long the service's thread was kept from its event loop while the open loop ran.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const open = await run({ kind: 'open', rate: RATE, seconds: SECONDS, requests: singles });
  delay.disable();
  await on(floorWorker)({ kind: 'sequential', n: 500, requests: singles }); // warm-up
  const baseline = await on(floorWorker)({
    kind: 'open',
    rate: RATE,
    seconds: SECONDS,
    requests: singles,
  });
  await floorWorker.terminate();
  await floor.shutdown();
  await run({ kind: 'sequential', n: 5, requests: [batchRequest] }); // warm-up
  const batches = await run({ kind: 'sequential', n: 50, requests: [batchRequest] });
  await log?.close();
  const loadAfter = load();
  await worker.terminate();

  const model = served.require().model;
  const features = batch.map(featuresFromPb);
  const inProcess: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = process.hrtime.bigint();
    await predictServable(model, features);
    inProcess.push(ms(s));
  }
  const answer = pb.PredictInterviewResponse.encode(
    await predictInterview(served, null, { applications: batch }),
  ).finish();
  const decodes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = process.hrtime.bigint();
    pb.PredictInterviewResponse.decode(answer);
    decodes.push(ms(s));
  }
  const decodeMs = quantile(decodes, 0.5);
  const expected = 500 + 3000 + 6000 + Math.round(RATE * SECONDS) + 55 * 1000;
  const logged = log ? await docs.collection(PREDICTIONS_COLLECTION).count() : 0;
  const o = open.latencies;
  process.stdout.write(
    `logistic member on ${useOnnx ? 'onnxruntime' : 'JSON weights'}; ` +
      `load average before ${loadBefore}, after ${loadAfter} (1, 5, 15 min; 2 cores)\n` +
      `prediction log: ${log ? `on (SQLite, write-behind ${process.env.INTHREAD ? 'on the service thread' : 'on a worker thread'}), ${logged} of ${expected} predictions written, ${log.failedWrites} failed` : 'off'}\n` +
      `single calls (sequential, n=3000): p50 ${f(quantile(single.latencies, 0.5))} ms, p99 ${f(quantile(single.latencies, 0.99))} ms\n` +
      `throughput, 16 calls in flight (closed loop, 6000 calls): ${Math.round(6000 / closed.seconds)} calls/s\n` +
      `open loop ${RATE} calls/s for ${SECONDS} s (${o.length} calls, ${open.errors} errors, ` +
      `${Math.round(o.length / open.seconds)} calls/s achieved): p50 ${f(quantile(o, 0.5))} ms, ` +
      `p99 ${f(quantile(o, 0.99))} ms, p99.9 ${f(quantile(o, 0.999))} ms, max ${f(Math.max(...o))} ms; ` +
      `from the actual send: p50 ${f(quantile(open.fromSend ?? [0], 0.5))} ms, p99 ${f(quantile(open.fromSend ?? [0], 0.99))} ms\n` +
      `baseline, the same open loop against an empty answer (no model, no log; ${baseline.errors} errors): ` +
      `p50 ${f(quantile(baseline.latencies, 0.5))} ms, p99 ${f(quantile(baseline.latencies, 0.99))} ms, ` +
      `max ${f(Math.max(...baseline.latencies))} ms; from the actual send: p99 ${f(quantile(baseline.fromSend ?? [0], 0.99))} ms; ` +
      `ratio of the p99s ${(quantile(o, 0.99) / quantile(baseline.latencies, 0.99)).toFixed(2)}\n` +
      `service thread's event-loop delay during the open loop: p50 ${f(delay.percentile(50) / 1e6)} ms, ` +
      `p99 ${f(delay.percentile(99) / 1e6)} ms, max ${f(delay.max / 1e6)} ms\n` +
      `batch of 1,000 over gRPC (n=50): p50 ${f(quantile(batches.latencies, 0.5))} ms, p99 ${f(quantile(batches.latencies, 0.99))} ms\n` +
      `batch of 1,000 in process (n=50): p50 ${f(quantile(inProcess, 0.5))} ms, p99 ${f(quantile(inProcess, 0.99))} ms\n` +
      `(a client decoding a batch answer spends about ${f(decodeMs)} ms more)\n`,
  );
  await server.shutdown();
  served.stop();
  registry.close();
  await docs.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
