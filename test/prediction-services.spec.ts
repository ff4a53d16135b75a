/** @jest-environment ./libs/ml/src/onnx/onnx-test-environment.js */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { fitScore, loadEnsemble, type FitScoreArtifact } from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';
import type { RunningService } from '@hirelearn/rpc';
import { Registry, RegistryGrpcClient, startRegistryServer } from '@hirelearn/registry';
import {
  PREDICTIONS_COLLECTION,
  PredictionLog,
  registryClientView,
  serveEnsemblePredictor,
  servedEnsemble,
  servedFitWeights,
  storeSink,
  workerSink,
  type PredictionRecord,
} from '@hirelearn/services';
import { registerRun, trainModel, type TrainingRun } from '@hirelearn/training';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { readIngested } from '../libs/attribution/src/testing/ingested';
import { listeningAddress } from './support/cli';
import { rpc } from './support/grpc';
import {
  specServiceSettings,
  startModelServices,
  type ModelServicesOnLoopback,
} from './support/model-services';
import { keepCalling } from './support/keep-calling';

/**
 * The registry and both model services on loopback, called over gRPC: predictions, a
 * promotion while a client keeps calling, a rollback, a corrupted artifact refused. The
 * ONNX session of the logistic member needs jest's environment with the host's typed arrays.
 */

const who = { by: 'test', reason: 'cross-app test' };

describe('prediction services over gRPC', () => {
  let dir: string;
  let registryDocs: DocumentStore;
  let serviceDocs: DocumentStore;
  let registry: Registry;
  let registryServer: RunningService;
  let registryClients: RegistryGrpcClient[];
  let services: ModelServicesOnLoopback;
  let log: PredictionLog;
  let fitLog: PredictionLog;
  let ensembleRuns: TrainingRun[];
  let fitRuns: TrainingRun[];
  let applications: pb.ApplicationFeatures[];
  let predictorClient: pb.InterviewPredictorClient;
  let fitClient: pb.FitScorerClient;
  let predictorInference: pb.GRPCInferenceServiceClient;
  let fitInference: pb.GRPCInferenceServiceClient;
  let fitServed: ReturnType<typeof servedFitWeights>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-services-'));
    const world = simulateWorld(defaultSimSettings({ users: 120, months: 4, seed: 3 }));
    await readIngested(world, async (store) => {
      ensembleRuns = [];
      fitRuns = [];
      for (const seed of [1, 2]) {
        const e = await trainModel(store, 'ensemble', seed);
        const f = await trainModel(store, 'fit-score', seed);
        if (e.status !== 'ok' || f.status !== 'ok') throw new Error('training failed');
        ensembleRuns.push(e);
        fitRuns.push(f);
      }
      const rows = await store.rows(`SELECT * FROM applications ORDER BY application_id LIMIT 200`);
      applications = rows.map((r) =>
        pb.ApplicationFeatures.fromPartial({
          application_id: String(r.application_id),
          user_id: String(r.user_id),
          strategy_mode: String(r.strategy_mode),
          fit_components: {
            technical: Number(r.fit_technical),
            seniority: Number(r.fit_seniority),
            experience: Number(r.fit_experience),
            signal: Number(r.fit_signal),
          },
          category: String(r.category),
          job: { seniority: String(r.job_seniority) },
          resume_score: Number(r.resume_score),
          tailoring_applied: Boolean(r.tailoring_applied),
        }),
      );
    });
    registryDocs = await openDocumentStore(`sqlite://${path.join(dir, 'registry.sqlite')}`);
    registry = await Registry.open({
      documents: registryDocs,
      artifactsDir: path.join(dir, 'artifacts'),
      settings: { watch_poll_ms: 50 },
    });
    for (const run of [...ensembleRuns, ...fitRuns]) {
      await registerRun(registry, run, { by: 'test', code_version: 'test' });
    }
    await registry.promote('ensemble', 1, who);
    await registry.promote('fit-score', 1, who);
    registryServer = await startRegistryServer(registry);

    serviceDocs = await openDocumentStore(`sqlite://${path.join(dir, 'services.sqlite')}`);
    registryClients = [
      new RegistryGrpcClient(registryServer.address),
      new RegistryGrpcClient(registryServer.address),
    ];
    const ensembleServed = servedEnsemble(registryClientView(registryClients[0]));
    fitServed = servedFitWeights(registryClientView(registryClients[1]));
    log = new PredictionLog(storeSink(serviceDocs));
    fitLog = new PredictionLog(storeSink(serviceDocs));
    services = await startModelServices(ensembleServed, fitServed, { ensemble: log, fit: fitLog });
    ({ predictorClient, predictorInference, fitClient, fitInference } = services);
  }, 120_000);

  afterAll(async () => {
    await services?.close();
    registryClients?.forEach((c) => c.close());
    await registryServer?.shutdown();
    await log?.flush();
    await fitLog?.flush();
    await serviceDocs?.close();
    await registryDocs?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const predict = (apps: pb.ApplicationFeatures[]) =>
    rpc<pb.PredictInterviewResponse>(predictorClient, 'predictInterview', { applications: apps });

  it('answers the Open Inference Protocol readiness and metadata calls', async () => {
    const live = await rpc<pb.ServerLiveResponse>(predictorInference, 'serverLive', {});
    const ready = await rpc<pb.ServerReadyResponse>(predictorInference, 'serverReady', {});
    expect(live.live && ready.ready).toBe(true);
    const at1 = await rpc<pb.ModelReadyResponse>(predictorInference, 'modelReady', {
      name: 'ensemble',
      version: '1',
    });
    const at2 = await rpc<pb.ModelReadyResponse>(predictorInference, 'modelReady', {
      name: 'ensemble',
      version: '2',
    });
    expect([at1.ready, at2.ready]).toEqual([true, false]);
    const meta = await rpc<pb.ModelMetadataResponse>(predictorInference, 'modelMetadata', {
      name: 'ensemble',
      version: '',
    });
    expect(meta.versions).toEqual(['1']);
    expect(meta.platform).toBe('onnxruntime_onnx,json_params');
    expect(meta.inputs.map((t) => `${t.name}:${t.datatype}:${t.shape.join('x')}`)).toEqual([
      'fit_technical:FP64:-1',
      'fit_seniority:FP64:-1',
      'fit_experience:FP64:-1',
      'fit_signal:FP64:-1',
      'resume_score:FP64:-1',
      'tailoring_applied:BOOL:-1',
      'category:BYTES:-1',
      'job_seniority:BYTES:-1',
      'user_seniority:BYTES:-1',
      'strategy_mode:BYTES:-1',
      'application_id:BYTES:-1',
      'user_id:BYTES:-1',
    ]);
    expect(meta.outputs.map((t) => t.name)).toEqual([
      'probability',
      'confidence',
      'model_agreement',
    ]);
    await expect(
      rpc<pb.ModelMetadataResponse>(predictorInference, 'modelMetadata', {
        name: 'nope',
        version: '',
      }),
    ).rejects.toMatchObject({ code: 5 });
  });

  it('predicts over gRPC as in process (logistic on onnxruntime), and logs every prediction', async () => {
    const inProcess = loadEnsemble(ensembleRuns[0].artifact);
    const one = await predict(applications.slice(0, 1));
    expect(one.predictions).toHaveLength(1);
    const batch = await predict(applications.slice(0, 100));
    expect(batch.predictions.map((p) => p.application_id)).toEqual(
      applications.slice(0, 100).map((a) => a.application_id),
    );
    const direct = inProcess.predict({
      fit_technical: applications[5].fit_components?.technical ?? null,
      fit_seniority: applications[5].fit_components?.seniority ?? null,
      fit_experience: applications[5].fit_components?.experience ?? null,
      fit_signal: applications[5].fit_components?.signal ?? null,
      category: applications[5].category,
      resume_score: applications[5].resume_score,
      tailoring_applied: applications[5].tailoring_applied,
      job_seniority: applications[5].job?.seniority ?? null,
      user_seniority: null,
      strategy_mode: applications[5].strategy_mode,
    });
    // The logistic member runs on onnxruntime in float32: equal to the in-process float64
    // prediction to about 1e-7.
    expect(Math.abs(batch.predictions[5].probability - direct.probability)).toBeLessThan(1e-6);
    const logisticOverGrpc = batch.predictions[5].individual_predictions[0].probability;
    expect(logisticOverGrpc).not.toBe(direct.individual_predictions.logistic);
    expect(Math.abs(logisticOverGrpc - direct.individual_predictions.logistic)).toBeLessThan(1e-6);
    expect(batch.predictions[5].individual_predictions.map((p) => p.model)).toEqual([
      'logistic',
      'boosted_trees',
      'neural_net',
    ]);
    expect(batch.predictions[5].model_version).toBe(1);
    // A typed message on the wire, equal to the in-process analysis up to float32.
    const analysis = batch.predictions[5].disagreement_analysis;
    expect(analysis?.spread).toBeCloseTo(direct.disagreement_analysis.spread, 6);
    expect(analysis?.weighted_std).toBeCloseTo(direct.disagreement_analysis.weighted_std, 6);
    expect(analysis?.high_disagreement).toBe(direct.disagreement_analysis.high_disagreement);
    await log.flush();
    const logged = await serviceDocs
      .collection<PredictionRecord>(PREDICTIONS_COLLECTION)
      .find({ application_id: applications[5].application_id });
    expect(logged.length).toBeGreaterThanOrEqual(1);
    const rec = logged[0];
    expect(rec).toMatchObject({ model: 'ensemble', version: 1, user_id: applications[5].user_id });
    expect(rec.inputs_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(rec.predicted_at).toISOString()).toBe(rec.predicted_at);
    expect(rec.probability).toBeCloseTo(batch.predictions[5].probability, 12);
  });

  it('switches to a promoted version without a failed call, and a rollback restores the old one', async () => {
    const calls = keepCalling(
      async () => (await predict(applications.slice(0, 20))).predictions[0].model_version,
    );
    await calls.until(1);
    await registry.promote('ensemble', 2, who);
    await calls.until(2);
    await registry.rollback('ensemble', who);
    await calls.until(1);
    await calls.stop();
    expect(calls.failures).toBe(0);
    // Versions change only at the two switches: 1…1 2…2 1…1.
    const { seen } = calls;
    const switches = seen.filter((v, i) => i > 0 && v !== seen[i - 1]).length;
    expect(switches).toBe(2);
  });

  it('scores candidate jobs with the fit weights in production, with the learned probability, logged', async () => {
    const job = {
      job_id: 'j1',
      components: { technical: 80, seniority: 60, experience: 70, signal: 50 },
      category: 'target',
      seniority_match: true,
      tailoring_applied: true,
      application_id: 'app-j1',
    };
    const request = { user_id: 'u-fit', jobs: [job], resume_score: 64, strategy_mode: 'BALANCED' };
    const r = await rpc<pb.ScoreFitResponse>(fitClient, 'scoreFit', request);
    const artifact = JSON.parse(fitRuns[0].artifact) as FitScoreArtifact;
    const weights = artifact.weights;
    expect(r.weights_version).toBe('fit-score@1');
    expect(r.scores[0].fit_score).toBeCloseTo(fitScore(weights, job.components), 10);
    expect(r.weights?.technical).toBeCloseTo(weights.technical, 12);
    // The learned logistic, by hand: intercept + components + match + controls + category.
    const b = artifact.learning.coefficients;
    const z =
      b.intercept +
      b.technical * 80 +
      b.seniority * 60 +
      b.experience * 70 +
      b.signal * 50 +
      (b.seniority_match ?? 0) +
      (b.resume_score ?? 0) * 64 +
      (b.tailoring_applied ?? 0) +
      (b.strategy_not_improve_first ?? 0) +
      (b['category=target'] ?? 0);
    expect(r.scores[0].interview_probability).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    expect(r.scores[0].interview_probability).toBeGreaterThan(0);
    await fitLog.flush();
    const logged = await serviceDocs
      .collection<PredictionRecord>(PREDICTIONS_COLLECTION)
      .find({ user_id: 'u-fit' });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      model: 'fit-score',
      version: 1,
      application_id: 'app-j1',
      job_id: 'j1',
      probability: r.scores[0].interview_probability,
    });
    expect(logged[0].inputs_hash).toMatch(/^[0-9a-f]{64}$/);
    await expect(
      rpc<pb.ScoreFitResponse>(fitClient, 'scoreFit', {
        ...request,
        jobs: [{ ...job, components: undefined }],
      }),
    ).rejects.toMatchObject({ code: 3 });
    await expect(
      rpc<pb.ScoreFitResponse>(fitClient, 'scoreFit', { ...request, resume_score: undefined }),
    ).rejects.toMatchObject({ code: 3, details: expect.stringMatching(/^resume_score: required/) });
  });

  /** One ModelInfer request of the ensemble for the applications, from tensor contents. */
  const inferRequest = (apps: pb.ApplicationFeatures[]) => {
    const fp64 = (name: string, f: (a: pb.ApplicationFeatures) => number | undefined) => ({
      name,
      datatype: 'FP64',
      shape: [apps.length],
      contents: { fp64_contents: apps.map((a) => f(a) ?? NaN) },
    });
    const bytes = (name: string, f: (a: pb.ApplicationFeatures) => string | undefined) => ({
      name,
      datatype: 'BYTES',
      shape: [apps.length],
      contents: { bytes_contents: apps.map((a) => Buffer.from(f(a) ?? '')) },
    });
    return pb.ModelInferRequest.fromPartial({
      model_name: 'ensemble',
      id: 'req-1',
      inputs: [
        fp64('fit_technical', (a) => a.fit_components?.technical),
        fp64('fit_seniority', (a) => a.fit_components?.seniority),
        fp64('fit_experience', (a) => a.fit_components?.experience),
        fp64('fit_signal', (a) => a.fit_components?.signal),
        fp64('resume_score', (a) => a.resume_score),
        {
          name: 'tailoring_applied',
          datatype: 'BOOL',
          shape: [apps.length, 1],
          contents: { bool_contents: apps.map((a) => a.tailoring_applied) },
        },
        bytes('category', (a) => a.category),
        bytes('job_seniority', (a) => a.job?.seniority),
        bytes('user_seniority', (a) => a.user_seniority),
        bytes('strategy_mode', (a) => a.strategy_mode),
        bytes('application_id', (a) => `infer-${a.application_id}`),
        bytes('user_id', (a) => a.user_id),
      ],
    });
  };

  it('answers ModelInfer with named tensors, as PredictInterview does, and logs it', async () => {
    const apps = applications.slice(0, 30);
    const [byTensors, byDomain] = await Promise.all([
      rpc<pb.ModelInferResponse>(predictorInference, 'modelInfer', inferRequest(apps)),
      predict(apps),
    ]);
    expect(byTensors).toMatchObject({ model_name: 'ensemble', id: 'req-1' });
    expect(byTensors.outputs.map((o) => [o.name, o.datatype, o.shape])).toEqual([
      ['probability', 'FP64', [30]],
      ['confidence', 'FP64', [30]],
      ['model_agreement', 'FP64', [30]],
    ]);
    const version = Number(byTensors.model_version);
    expect(byDomain.predictions[0].model_version).toBe(version);
    expect(byTensors.outputs[0].contents?.fp64_contents).toEqual(
      byDomain.predictions.map((p) => p.probability),
    );
    expect(byTensors.outputs[2].contents?.fp64_contents).toEqual(
      byDomain.predictions.map((p) => p.model_agreement),
    );
    await log.flush();
    const logged = await serviceDocs
      .collection<PredictionRecord>(PREDICTIONS_COLLECTION)
      .find({ application_id: `infer-${apps[7].application_id}` });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      model: 'ensemble',
      version,
      user_id: apps[7].user_id,
      probability: byDomain.predictions[7].probability,
    });
  });

  it('refuses a bad ModelInfer with INVALID_ARGUMENT naming the tensor and the rule', async () => {
    const good = inferRequest(applications.slice(0, 3));
    const infer = (r: pb.ModelInferRequest) =>
      rpc<pb.ModelInferResponse>(predictorInference, 'modelInfer', r);
    const retyped = {
      ...good,
      inputs: good.inputs.map((t, i) => (i === 4 ? { ...t, datatype: 'FP32' } : t)),
    };
    await expect(infer(retyped)).rejects.toMatchObject({
      code: 3,
      details: "inputs[4] 'resume_score': datatype FP32, expected FP64 (see ModelMetadata)",
    });
    const short = {
      ...good,
      inputs: good.inputs.map((t, i) =>
        i === 0 ? { ...t, contents: { ...t.contents!, fp64_contents: [1, 2] } } : t,
      ),
    };
    await expect(infer(short)).rejects.toMatchObject({
      code: 3,
      details: "inputs[0] 'fit_technical': 2 elements, but shape [3] needs 3",
    });
    await expect(infer({ ...good, inputs: good.inputs.slice(1) })).rejects.toMatchObject({
      code: 3,
      details: expect.stringMatching(/^inputs: missing fit_technical/),
    });
    await expect(infer({ ...good, model_name: 'nope' })).rejects.toMatchObject({ code: 5 });
  });

  it('answers ModelInfer of the fit-score learner with the fit score of each row', async () => {
    const rows = [
      [80, 60, 70, 50],
      [10, 20, 30, 40],
    ];
    const raw = Buffer.alloc(8 * 8);
    rows.flat().forEach((v, k) => raw.writeDoubleLE(v, 8 * k));
    const r = await rpc<pb.ModelInferResponse>(fitInference, 'modelInfer', {
      ...pb.ModelInferRequest.fromPartial({ model_name: 'fit-score' }),
      inputs: [
        pb.ModelInferRequest_InferInputTensor.fromPartial({
          name: 'fit_components',
          datatype: 'FP64',
          shape: [2, 4],
        }),
      ],
      raw_input_contents: [raw],
    });
    const w = (JSON.parse(fitRuns[0].artifact) as FitScoreArtifact).weights;
    const expected = rows.map(([technical, seniority, experience, signal]) =>
      fitScore(w, { technical, seniority, experience, signal }),
    );
    expect(r.outputs[0]).toMatchObject({ name: 'fit_score', shape: [2] });
    const out = r.raw_output_contents[0];
    expect([out.readDoubleLE(0), out.readDoubleLE(8)]).toEqual(expected);
  });

  it('refuses a corrupted artifact with a clear error and keeps serving the last good version', async () => {
    const bad = await registerRun(registry, fitRuns[1], { by: 'test', code_version: 'test' });
    const file = path.join(dir, 'artifacts', bad.artifact.sha256.slice(0, 2), bad.artifact.sha256);
    // The same bytes as version 2 are stored once (content-addressed): corrupt that file.
    chmodSync(file, 0o644);
    writeFileSync(file, '{"format":"hirelearn.fit-weights/v1","weights":{}}');
    await registry.promote('fit-score', bad.version, who);
    const start = Date.now();
    while (!fitServed.lastError && Date.now() - start < 10_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(fitServed.lastError?.message).toMatch(/sha256/);
    const r = await rpc<pb.ScoreFitResponse>(fitClient, 'scoreFit', {
      user_id: 'u',
      resume_score: 50,
      jobs: [
        {
          job_id: 'j',
          components: { technical: 1, seniority: 1, experience: 1, signal: 1 },
          category: '',
          seniority_match: false,
        },
      ],
    });
    expect(r.weights_version).toBe('fit-score@1');
    const ready = await rpc<pb.ModelReadyResponse>(fitInference, 'modelReady', {
      name: 'fit-score',
      version: String(bad.version),
    });
    expect(ready.ready).toBe(false);
  });
  it('loses no logged prediction on a graceful stop', async () => {
    const url = `sqlite://${path.join(dir, 'stop.sqlite')}`;
    // Nothing is written before the stop unless the stop writes it.
    const service = await serveEnsemblePredictor(
      specServiceSettings(dir, registryServer.address, url),
    );
    const client = new pb.InterviewPredictorClient(service.address, credentials.createInsecure());
    const call = (apps: pb.ApplicationFeatures[]) =>
      rpc<pb.PredictInterviewResponse>(client, 'predictInterview', { applications: apps });
    await Promise.all([
      ...applications.slice(0, 40).map((a) => call([a])),
      call(applications.slice(0, 150)),
    ]);
    const reader = await openDocumentStore(url);
    try {
      const predictions = reader.collection(PREDICTIONS_COLLECTION);
      await expect(predictions.count()).resolves.toBe(0);
      client.close();
      await service.shutdown();
      await expect(predictions.count()).resolves.toBe(190);
    } finally {
      await reader.close();
    }
  });
  it('the built ensemble-predictor app logs through its worker thread and loses nothing on SIGTERM', async () => {
    const app = path.resolve(__dirname, '../dist/apps/ensemble-predictor/main.js');
    if (!existsSync(path.join(path.dirname(app), 'prediction-log-worker.js'))) {
      throw new Error(
        `${app} or its prediction-log-worker.js is missing: run 'npm run build' first`,
      );
    }
    const url = `sqlite://${path.join(dir, 'app.sqlite')}`;
    const child = spawn(process.execPath, [app], {
      env: {
        ...process.env,
        HIRELEARN_REGISTRY_ADDRESS: registryServer.address,
        HIRELEARN_DOCUMENTS: url,
        HIRELEARN_ARTIFACTS: path.join(dir, 'artifacts'),
        HIRELEARN_ENSEMBLE_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const address = await listeningAddress(child, 'ensemble-predictor');
    const client = new pb.InterviewPredictorClient(address, credentials.createInsecure());
    try {
      const calls = [
        ...applications
          .slice(0, 60)
          .map((a) =>
            rpc<pb.PredictInterviewResponse>(client, 'predictInterview', { applications: [a] }),
          ),
        rpc<pb.PredictInterviewResponse>(client, 'predictInterview', {
          applications: applications.slice(0, 200),
        }),
      ];
      await Promise.all(calls);
    } finally {
      client.close();
    }
    // The last calls were answered within the log's 5 ms window: the stop must write them.
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const reader = await openDocumentStore(url);
    try {
      const logged = await reader
        .collection<PredictionRecord>(PREDICTIONS_COLLECTION)
        .find({ model: 'ensemble' });
      expect(logged).toHaveLength(260);
      expect(new Set(logged.map((r) => r._id)).size).toBe(260);
      expect(logged.every((r) => /^[0-9a-f]{64}$/.test(r.inputs_hash))).toBe(true);
    } finally {
      await reader.close();
    }
  });
  it('a log whose store cannot be reached counts the failed writes and still closes', async () => {
    const worker = path.resolve(
      __dirname,
      '../dist/apps/ensemble-predictor/prediction-log-worker.js',
    );
    const sink = workerSink(worker, 'mongodb://127.0.0.1:1/x?serverSelectionTimeoutMS=300');
    if (!sink) throw new Error(`${worker} is missing: run 'npm run build' first`);
    const unreachable = new PredictionLog(sink);
    const entry = {
      model: 'ensemble',
      version: 1,
      user_id: 'u',
      application_id: 'a',
      probability: 0.5,
    };
    unreachable.log([
      { ...entry, inputs: { x: 1 } },
      { ...entry, inputs: { x: 2 } },
    ]);
    await unreachable.close();
    expect([unreachable.writtenCount, unreachable.failedWrites]).toEqual([0, 2]);
  });
});
