/**
 * gRPC PredictInterview on loopback, every prediction logged to an SQLite document store
 * through the log's worker thread as the built services do (INTHREAD=1: on the service's
 * thread; NOLOG=1: no log; ONNX=0: the logistic member from JSON), next to the in-process
 * prediction time in the same run:
 *   - single calls one at a time (p50/p99), and the throughput with 16 calls in flight;
 *   - batches of 1,000 applications (p50/p99);
 *   - the same batch predicted in process (no gRPC, no log).
 * The client runs on a worker thread (its own event loop and heap, but the service's process
 * and cores), sending pre-encoded requests and not decoding answers. Single predictions under
 * an open-loop load, with the generator in a process of its own and an empty server as its
 * floor, are `tools/bench/serving.ts`. The load average is printed before and after (the
 * machine is shared). Usage:
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/serving-batch.ts .hirelearn/models/ensemble-seed1.json
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as pb from '@hirelearn/proto';
import { startGrpcServer } from '@hirelearn/rpc';
import {
  featuresFromPb,
  PREDICTIONS_COLLECTION,
  predictInterview,
  predictServable,
} from '@hirelearn/services';
import { benchApplication, benchEnsemble } from './served-ensemble';
import { loadAverage } from './load-average';

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
});
`;

interface Result {
  readonly latencies: number[];
  readonly errors: number;
  readonly seconds: number;
}

const quantile = (xs: readonly number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const f = (x: number) => x.toFixed(2);
const load = loadAverage;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-serving-'));
  // ONNX=0: every member from its JSON weights (the logistic too), to see onnxruntime's share.
  const useOnnx = process.env.ONNX !== '0';
  const placement = process.env.NOLOG ? 'off' : process.env.INTHREAD ? 'inThread' : 'worker';
  const ensemble = await benchEnsemble(dir, process.argv[2], { useOnnx, log: placement });
  const { served, log } = ensemble;
  const server = await startGrpcServer(ensemble.bindings);
  const app = benchApplication;
  const encode = (apps: pb.ApplicationFeatures[]) =>
    pb.PredictInterviewRequest.encode({ applications: apps }).finish();
  const singles = Array.from({ length: 500 }, (_, i) => encode([app(i)]));
  const batch = Array.from({ length: 1000 }, (_, i) => app(i));
  const batchRequest = encode(batch);

  const client = (address: string) =>
    new Worker(CLIENT, {
      eval: true,
      workerData: { address, method: '/hirelearn.v1.InterviewPredictor/PredictInterview' },
    });
  const worker = client(server.address);
  const run = (job: object) =>
    new Promise<Result>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(job);
    });
  const loadBefore = load();
  await run({ kind: 'sequential', n: 500, requests: singles }); // warm-up
  const single = await run({ kind: 'sequential', n: 3000, requests: singles });
  const closed = await run({ kind: 'concurrent', n: 6000, inFlight: 16, requests: singles });
  await run({ kind: 'sequential', n: 5, requests: [batchRequest] }); // warm-up
  const batches = await run({ kind: 'sequential', n: 50, requests: [batchRequest] });
  await log?.flush();
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
  const expected = 500 + 3000 + 6000 + 55 * 1000;
  const logged = log ? await ensemble.documents.collection(PREDICTIONS_COLLECTION).count() : 0;
  process.stdout.write(
    `logistic member on ${useOnnx ? 'onnxruntime' : 'JSON weights'}; ` +
      `load average before ${loadBefore}, after ${loadAfter} (1, 5, 15 min; 2 cores)\n` +
      `prediction log: ${log ? `on (SQLite, write-behind ${process.env.INTHREAD ? 'on the service thread' : 'on a worker thread'}), ${logged} of ${expected} predictions written, ${log.failedWrites} failed` : 'off'}\n` +
      `single calls (sequential, n=3000): p50 ${f(quantile(single.latencies, 0.5))} ms, p99 ${f(quantile(single.latencies, 0.99))} ms\n` +
      `throughput, 16 calls in flight (closed loop, 6000 calls): ${Math.round(6000 / closed.seconds)} calls/s\n` +
      `batch of 1,000 over gRPC (n=50): p50 ${f(quantile(batches.latencies, 0.5))} ms, p99 ${f(quantile(batches.latencies, 0.99))} ms\n` +
      `batch of 1,000 in process (n=50): p50 ${f(quantile(inProcess, 0.5))} ms, p99 ${f(quantile(inProcess, 0.99))} ms\n` +
      `(a client decoding a batch answer spends about ${f(decodeMs)} ms more)\n`,
  );
  await server.shutdown();
  await ensemble.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
