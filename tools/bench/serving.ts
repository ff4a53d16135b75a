/**
 * gRPC PredictInterview on loopback: latency of single calls (one at a time), throughput
 * with 16 calls in flight, and batches of 1,000, next to the in-process prediction of the
 * same batch, with every prediction logged to an SQLite document store (NOLOG=1: without
 * the log). Usage:
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/serving.ts .hirelearn/models/ensemble-seed1.json
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { credentials } from '@grpc/grpc-js';
import * as pb from '@hirelearn/proto';
import { Registry } from '@hirelearn/registry';
import { openDocumentStore } from '@hirelearn/store';
import {
  ensemblePredictorBindings,
  featuresFromPb,
  PredictionLog,
  predictServable,
  registryView,
  servedEnsemble,
  startGrpcServer,
} from '@hirelearn/services';

const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

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
  const served = servedEnsemble(registryView(registry));
  await served.start();
  const log = new PredictionLog(docs);
  const server = await startGrpcServer(
    ensemblePredictorBindings(served, process.env.NOLOG ? null : log),
  );
  const client = new pb.InterviewPredictorClient(server.address, credentials.createInsecure());
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
  const predict = (apps: pb.ApplicationFeatures[]) =>
    new Promise<void>((resolve, reject) =>
      client.predictInterview({ applications: apps }, (e) => (e ? reject(e) : resolve())),
    );
  const batch = Array.from({ length: 1000 }, (_, i) => app(i));
  for (let i = 0; i < 200; i++) await predict([app(i)]);

  const single: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const s = process.hrtime.bigint();
    await predict([app(i)]);
    single.push(ms(s));
  }
  const total = 6000;
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < total) await predict([app(next++)]);
    }),
  );
  const throughput = total / (ms(t0) / 1000);
  const batches: number[] = [];
  for (let i = 0; i < 40; i++) {
    const s = process.hrtime.bigint();
    await predict(batch);
    batches.push(ms(s));
  }
  const model = served.require().model;
  const features = batch.map(featuresFromPb);
  const inProcess: number[] = [];
  for (let i = 0; i < 40; i++) {
    const s = process.hrtime.bigint();
    await predictServable(model, features);
    inProcess.push(ms(s));
  }
  const f = (x: number) => x.toFixed(2);
  process.stdout.write(
    `single calls (sequential, n=3000): p50 ${f(quantile(single, 0.5))} ms, p99 ${f(quantile(single, 0.99))} ms\n` +
      `throughput (16 in flight, ${total} calls): ${Math.round(throughput)} calls/s\n` +
      `batch of 1,000 over gRPC: p50 ${f(quantile(batches, 0.5))} ms, p99 ${f(quantile(batches, 0.99))} ms\n` +
      `batch of 1,000 in process: p50 ${f(quantile(inProcess, 0.5))} ms, p99 ${f(quantile(inProcess, 0.99))} ms\n`,
  );
  client.close();
  await server.shutdown();
  served.stop();
  registry.close();
  await log.flush();
  await docs.close();
  rmSync(dir, { recursive: true, force: true });
}

void main();
