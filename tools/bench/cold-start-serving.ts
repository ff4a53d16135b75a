/**
 * ColdStart Insights on loopback with 100,000 established users in the peer index (USERS to
 * change it), every answer logged to an SQLite document store as the service does, next to
 * a baseline in the same run: a server answering the same RPC with an empty message (no
 * model, no log), what grpc-js, the loopback and the machine cost by themselves.
 *
 * The model is trained on a small simulated world (TensorFlow.js, WASM backend); its peer
 * index is then grown to USERS successful users: each a training user's day-one features
 * with jittered numbers, embedded by the trained network, carrying a real peer's outcome
 * cells (no ids: the index never holds any). Printed: the artifact's size (and the v1
 * format's, one JSON object per peer), the load time (parse, inflate, peers, ColdStartModel:
 * what a promotion costs the service; v1's beside it) and the heap, the model's own time per
 * user in process (which slow calls a GC pause overlapped; the slowest user's fastest call
 * says whether the tail is a kind of user or the machine), then p50/p99 of single Insights
 * calls, one at a time from a client on a worker thread (its own event loop, as a separate
 * client would be), for the service and for the baseline, the ratio of the p99s, and the
 * server's event-loop delay and GC pauses during the service's calls. Usage:
 *   npx tsx --expose-gc --tsconfig tsconfig.base.json tools/bench/cold-start-serving.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  constants,
  monitorEventLoopDelay,
  performance,
  PerformanceObserver,
} from 'node:perf_hooks';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ingest } from '@hirelearn/ingest';
import {
  coldStartInsights,
  ColdStartModel,
  DAY_ONE_FIELDS,
  serializeColdStart,
  trainColdStart,
  useTensorFlowWasmBackend,
  type ColdStartArtifact,
  type ColdStartPeer,
  type DayOneFeatures,
} from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';
import { serverSecuritySettings, startGrpcServer, unary } from '@hirelearn/rpc';
import type { ModelVersion } from '@hirelearn/registry';
import {
  answerOf,
  coldStartBindings,
  dayOneOfRequest,
  parseColdStart,
  PredictionLog,
  ServedModel,
  storeSink,
  type RegistryView,
} from '@hirelearn/services';
import { loadColdStartUsers } from '@hirelearn/training';
import { createRng } from '@hirelearn/stats';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { loadAverage } from './load-average';

const USERS = Number(process.env.USERS ?? 100_000);
const CALLS = Number(process.env.CALLS ?? 3000);
const WARMUP = 300;

/** The client: sequential calls of pre-encoded bytes, each call's latency in ms. */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const grpc = require('@grpc/grpc-js');
const client = new grpc.Client(workerData.address, grpc.credentials.createInsecure());
const raw = (b) => b;
const once = (bytes) =>
  new Promise((ok, ko) =>
    client.makeUnaryRequest(workerData.method, raw, raw, Buffer.from(bytes), (e) => (e ? ko(e) : ok())),
  );
(async () => {
  const out = [];
  for (let i = 0; i < workerData.warmup + workerData.calls; i++) {
    const s = process.hrtime.bigint();
    await once(workerData.requests[i % workerData.requests.length]);
    if (i >= workerData.warmup) out.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  client.close();
  parentPort.postMessage(out);
})();
`;

function timedCalls(address: string, requests: Uint8Array[]): Promise<number[]> {
  const worker = new Worker(CLIENT, {
    eval: true,
    workerData: {
      address,
      method: '/hirelearn.v1.ColdStart/Insights',
      requests,
      warmup: WARMUP,
      calls: CALLS,
    },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const quantile = (xs: readonly number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
const f = (x: number) => x.toFixed(2);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** A small world's trained model: the network, segments and answer pool serving uses. */
async function trainedModel(): Promise<ColdStartArtifact> {
  const world = simulateWorld(defaultSimSettings({ users: 400, months: 6, seed: 7 }));
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-cold-bench-'));
  const store = await EventStore.open('duckdb::memory:');
  try {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    await ingest(store, [file]);
    const { users } = await loadColdStartUsers(store);
    await useTensorFlowWasmBackend();
    const run = await trainColdStart(users, {}, 1);
    if (run.status !== 'ok') throw new Error(`training failed: ${run.reason}`);
    return run.model.toArtifact();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The artifact with USERS peers: jittered training users, embedded by its own network. */
function grownArtifact(a: ColdStartArtifact): ColdStartArtifact {
  const model = ColdStartModel.fromArtifact(a);
  const rng = createRng(11);
  const jitter = (v: number | null, scale: number) =>
    v === null ? null : Math.max(0, v * (1 + scale * (rng.uniform() - 0.5)));
  const peers: ColdStartPeer[] = [];
  for (let i = 0; i < USERS; i++) {
    const base = a.answer_pool[i % a.answer_pool.length];
    const like = a.peers[i % a.peers.length];
    const day: DayOneFeatures = {
      ...base,
      years_experience: jitter(base.years_experience, 0.4),
      skills_count: jitter(base.skills_count, 0.4),
      bullets_count: jitter(base.bullets_count, 0.4),
    };
    // Single precision, as trainColdStart stores every peer's embedding.
    peers.push({ ...like, embedding: model.forward(day).embedding.map((x) => Math.fround(x)) });
  }
  return { ...a, peers };
}

/** The artifact's registered bytes (the serialized text no longer reachable once this returns). */
function artifactBytes(a: ColdStartArtifact): Buffer {
  return Buffer.from(serializeColdStart(a));
}

/** The production version of an artifact held in memory (no registry: it is about serving). */
function inMemoryRegistry(content: Buffer): RegistryView {
  const version = { model: 'cold-start', version: 1 } as ModelVersion;
  return {
    watch: (_model, onChange) => {
      setImmediate(() => onChange({ production: version }));
      return { close: () => undefined };
    },
    fetch: async () => content,
  };
}

async function main(): Promise<void> {
  const load = loadAverage;
  process.stdout.write(`load average before: ${load()}\n`);
  const artifact = grownArtifact(await trainedModel());
  const content = artifactBytes(artifact);
  // The format before the columns, one JSON object per peer, for the comparison.
  const { v1Bytes, v1Ms } = ((v1: Buffer) => {
    const t = process.hrtime.bigint();
    parseColdStart(v1);
    return { v1Bytes: v1.length, v1Ms: Number(process.hrtime.bigint() - t) / 1e6 };
  })(Buffer.from(JSON.stringify(artifact)));
  const settle = () => {
    // Twice: the first pass may leave what the second frees (the serialized text).
    global.gc?.();
    global.gc?.();
  };
  settle();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const model = parseColdStart(content);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  settle();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  process.stdout.write(
    `index: ${model.artifact.peers.length} established users, ${model.artifact.embedding_dim} dimensions, ` +
      `artifact ${mb(content.length)} (v1, one JSON object per peer: ${mb(v1Bytes)}); ` +
      `loaded (parse, inflate, peers, ColdStartModel) in ${f(buildMs)} ms (v1: ${f(v1Ms)} ms); ` +
      `heap ${global.gc ? mb(heap) : '(run node with --expose-gc for the heap)'}, ` +
      `of which the vectors ${mb(model.artifact.peers.length * model.artifact.embedding_dim * 4)}\n`,
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'hl-cold-bench-'));
  const docs = await openDocumentStore(`sqlite://${path.join(dir, 'docs.sqlite')}`);
  const log = new PredictionLog(storeSink(docs));
  const served = new ServedModel('cold-start', inMemoryRegistry(content), parseColdStart);
  await served.start();
  const service = await startGrpcServer(coldStartBindings(served, log), {
    security: serverSecuritySettings({}, { tokenFile: path.join(dir, 'token') }),
  });
  const empty = await startGrpcServer(
    [
      {
        service: pb.ColdStartService,
        implementation: {
          embed: unary(() => pb.EmbedResponse.fromPartial({})),
          similarUsers: unary(() => pb.SimilarUsersResponse.fromPartial({})),
          insights: unary(() => pb.InsightsResponse.fromPartial({})),
          nextQuestion: unary(() => pb.NextQuestionResponse.fromPartial({})),
        },
      },
    ],
    { security: serverSecuritySettings({}, { tokenFile: path.join(dir, 'token') }) },
  );
  // Requests as new users send them: a profile, and what their first resume says (as
  // answers: the pool keeps day-one features, not resumes).
  const resumeFields = DAY_ONE_FIELDS.filter((k) => !(k in pb.DayOneProfile.fromPartial({})));
  const requests = artifact.answer_pool.map((d, i) =>
    pb.InsightsRequest.encode({
      user: {
        user_id: `bench-${i}`,
        profile: pb.DayOneProfile.fromPartial({
          years_experience: d.years_experience ?? undefined,
          seniority: d.seniority ?? '',
          target_roles: [...(d.target_roles ?? [])],
          industries: [...(d.industries ?? [])],
          education_level: d.education_level ?? '',
          work_arrangement_preference: d.work_arrangement_preference ?? '',
          salary_target: d.salary_target ?? undefined,
        }),
        answers: resumeFields.filter((k) => d[k] !== null).map((k) => answerOf(k, d[k] as number)),
      },
    }).finish(),
  );
  // The model's own share: the same users' insights in process (no gRPC, no log), after a
  // warm-up pass.
  const users = requests.map((bytes) => dayOneOfRequest(pb.InsightsRequest.decode(bytes).user));
  // Each call's span and the GC pauses (same clock), to tell a slow call from one a pause hit.
  const inProcess: { start: number; ms: number }[] = [];
  const pauses: { start: number; end: number }[] = [];
  const gcSeen = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  gcSeen.observe({ entryTypes: ['gc'] });
  for (let pass = 0; pass < 11; pass++) {
    for (const user of users) {
      const start = performance.now();
      coldStartInsights(model, user.day_one.features);
      if (pass > 0) inProcess.push({ start, ms: performance.now() - start });
    }
  }
  // The GC entries reach the observer a timer later, not on the next turn of the loop.
  await new Promise((resolve) => setTimeout(resolve, 200));
  gcSeen.disconnect();
  const ms = inProcess.map((c) => c.ms);
  const hit = (c: { start: number; ms: number }) =>
    pauses.some((p) => p.start < c.start + c.ms && p.end > c.start);
  const slow = inProcess.filter((c) => c.ms >= quantile(ms, 0.99));
  const clean = inProcess.filter((c) => !hit(c)).map((c) => c.ms);
  // Whether the tail is a kind of user (slow on every pass) or the machine (slow once).
  const fastest = users.map((_, u) => Math.min(...ms.filter((_, i) => i % users.length === u)));
  process.stdout.write(
    `in process, coldStartInsights, ${inProcess.length} calls: p50 ${f(quantile(ms, 0.5))} ms, ` +
      `p99 ${f(quantile(ms, 0.99))} ms; ${slow.filter(hit).length} of the ${slow.length} calls at or ` +
      `over the p99 overlap a GC pause (${pauses.length} pauses); p99 of the ${clean.length} calls ` +
      `no pause overlaps ${f(quantile(clean, 0.99))} ms; the slowest user's fastest call ` +
      `${f(Math.max(...fastest))} ms\n`,
  );
  try {
    // What stalls the server's event loop while it answers: its delay and the GC pauses.
    const delay = monitorEventLoopDelay({ resolution: 1 });
    const gcMs: { ms: number; major: boolean }[] = [];
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        // The kind is on `detail` (Node 16+), which these typings do not declare.
        const kind = (e as { detail?: { kind?: number } }).detail?.kind;
        gcMs.push({ ms: e.duration, major: kind === constants.NODE_PERFORMANCE_GC_MAJOR });
      }
    });
    gc.observe({ entryTypes: ['gc'] });
    delay.enable();
    const service_ms = await timedCalls(service.address, requests);
    delay.disable();
    gc.disconnect();
    const baseline_ms = await timedCalls(empty.address, requests);
    await log.flush();
    const p99 = quantile(service_ms, 0.99);
    const base99 = quantile(baseline_ms, 0.99);
    process.stdout.write(
      `Insights, ${CALLS} single calls one at a time after ${WARMUP} warm-up, logged: ` +
        `p50 ${f(quantile(service_ms, 0.5))} ms, p99 ${f(p99)} ms, max ${f(Math.max(...service_ms))} ms\n` +
        `baseline, the same calls answered empty (no model, no log): ` +
        `p50 ${f(quantile(baseline_ms, 0.5))} ms, p99 ${f(base99)} ms; ratio of the p99s ${(p99 / base99).toFixed(2)}\n` +
        `server event loop during the service's calls: delay p50 ${f(delay.percentile(50) / 1e6)} ms, ` +
        `p99 ${f(delay.percentile(99) / 1e6)} ms, max ${f(delay.max / 1e6)} ms; ` +
        `GC ${gcMs.length} pauses (${gcMs.filter((g) => g.major).length} major), ` +
        `${f(gcMs.reduce((a, g) => a + g.ms, 0))} ms in all, ` +
        `longest minor ${f(Math.max(0, ...gcMs.filter((g) => !g.major).map((g) => g.ms)))} ms, ` +
        `longest major ${f(Math.max(0, ...gcMs.filter((g) => g.major).map((g) => g.ms)))} ms\n` +
        `predictions logged: ${log.writtenCount} (failed ${log.failedWrites})\n` +
        `load average after: ${load()}\n`,
    );
  } finally {
    await service.shutdown();
    await empty.shutdown();
    served.stop();
    await log.close();
    await docs.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
