/** @jest-environment ./libs/ml/src/onnx/onnx-test-environment.js */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { status, type ServiceError } from '@grpc/grpc-js';
import { ingest } from '@hirelearn/ingest';
import * as pb from '@hirelearn/proto';
import { Registry } from '@hirelearn/registry';
import {
  loadableArtifact,
  registryView,
  servedEnsemble,
  servedFitWeights,
} from '@hirelearn/services';
import { registerRun, trainModel, type TrainingRun } from '@hirelearn/training';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore, openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { rpc } from './support/grpc';
import { startModelServices, type ModelServicesOnLoopback } from './support/model-services';

/**
 * The model services as an attacker or a careless client finds them: junk artifacts, a
 * promoted version that cannot load, NaN and out-of-range numbers, int64s beyond 2^53, huge
 * names echoed in errors, oversized uploads; and a stock client of the Open Inference
 * Protocol, health checking and reflection, in Python with grpcio, from protos not ours.
 */

const who = { by: 'test', reason: 'hardening test' };
const ROOT = path.resolve(__dirname, '..');
const PYTHON = '/usr/bin/python3';

/** Whether Debian's python3 has grpcio and grpc_tools (python3-grpcio, python3-grpc-tools). */
const pythonGrpc =
  spawnSync(PYTHON, ['-c', 'import grpc, grpc_tools'], { stdio: 'ignore' }).status === 0;

/** One ensemble input row of ModelInfer (FP64 columns as `contents`), `override` replacing some. */
function inferRequest(override: Record<string, number> = {}): pb.ModelInferRequest {
  const fp64 = (name: string, v: number) => ({
    name,
    datatype: 'FP64',
    shape: [1],
    parameters: {},
    contents: pb.InferTensorContents.fromPartial({ fp64_contents: [override[name] ?? v] }),
  });
  const bytes = (name: string, v: string) => ({
    name,
    datatype: 'BYTES',
    shape: [1],
    parameters: {},
    contents: pb.InferTensorContents.fromPartial({ bytes_contents: [Buffer.from(v)] }),
  });
  return pb.ModelInferRequest.fromPartial({
    model_name: 'ensemble',
    inputs: [
      fp64('fit_technical', 50),
      fp64('fit_seniority', 50),
      fp64('fit_experience', 50),
      fp64('fit_signal', 50),
      fp64('resume_score', 60),
      {
        name: 'tailoring_applied',
        datatype: 'BOOL',
        shape: [1],
        parameters: {},
        contents: pb.InferTensorContents.fromPartial({ bool_contents: [false] }),
      },
      bytes('category', 'target'),
      bytes('job_seniority', 'mid'),
      bytes('user_seniority', 'mid'),
      bytes('strategy_mode', 'BALANCED'),
    ],
  });
}

/** What an attacker registers, but for the model and the content. */
const attackerUpload = {
  format: 'json_params' as const,
  metrics: {},
  training_data_window: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
  seed: 1,
  code_version: 'test',
  settings_hash: 'x',
  registered_by: 'attacker',
};

const application = (over: Partial<pb.ApplicationFeatures> = {}): pb.ApplicationFeatures =>
  pb.ApplicationFeatures.fromPartial({
    application_id: 'a1',
    user_id: 'u1',
    fit_components: { technical: 50, seniority: 50, experience: 50, signal: 50 },
    category: 'target',
    resume_score: 60,
    fit_score: 50,
    ...over,
  });

describe('serving hardening', () => {
  let dir: string;
  let docs: DocumentStore;
  let registry: Registry;
  let ensembleRun: TrainingRun;
  let fitRun: TrainingRun;
  let services: ModelServicesOnLoopback;
  let ensemble: ReturnType<typeof servedEnsemble>;
  let fit: ReturnType<typeof servedFitWeights>;
  let predictorClient: pb.InterviewPredictorClient;
  let inference: pb.GRPCInferenceServiceClient;
  let fitClient: pb.FitScorerClient;
  let fitInference: pb.GRPCInferenceServiceClient;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-hardening-'));
    const world = simulateWorld(defaultSimSettings({ users: 80, months: 4, seed: 11 }));
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    const store = await EventStore.open('duckdb::memory:');
    try {
      await ingest(store, [file]);
      const e = await trainModel(store, 'ensemble', 1);
      const f = await trainModel(store, 'fit-score', 1);
      if (e.status !== 'ok' || f.status !== 'ok') throw new Error('training failed');
      [ensembleRun, fitRun] = [e, f];
    } finally {
      await store.close();
    }
    docs = await openDocumentStore(`sqlite://${path.join(dir, 'documents.sqlite')}`);
    registry = await Registry.open({
      documents: docs,
      artifactsDir: path.join(dir, 'artifacts'),
      settings: { watch_poll_ms: 50 },
      checkArtifact: loadableArtifact,
    });
    await registerRun(registry, ensembleRun, { by: 'test', code_version: 'test' });
    await registerRun(registry, fitRun, { by: 'test', code_version: 'test' });
    await registry.promote('ensemble', 1, who);
    await registry.promote('fit-score', 1, who);
    ensemble = servedEnsemble(registryView(registry));
    fit = servedFitWeights(registryView(registry));
    services = await startModelServices(ensemble, fit);
    ({ predictorClient, predictorInference: inference, fitClient, fitInference } = services);
  }, 180_000);

  afterAll(async () => {
    await services?.close();
    registry?.close();
    await docs?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'OK',
      (e: ServiceError) => `${status[e.code]}: ${e.details}`,
    );

  describe('artifacts must load (item 3)', () => {
    it('refuses junk at registration, naming the loader that refused it', async () => {
      for (const model of ['ensemble', 'fit-score']) {
        await expect(
          registry.register({
            ...attackerUpload,
            model,
            content: Buffer.from('{"not":"a model"}'),
          }),
        ).rejects.toThrow(/^content: the json_params artifact does not load as model/);
      }
      await expect(
        registry.register({
          ...attackerUpload,
          model: 'other',
          format: 'onnx',
          content: Buffer.from('not onnx'),
        }),
      ).rejects.toThrow(/content: the onnx artifact does not load/);
      expect((await registry.list({ model: 'ensemble' })).map((v) => v.version)).toEqual([1]);
    });

    it('makes a failed switch loud: stderr, readiness, metadata; a rollback clears it', async () => {
      const v2 = await registerRun(registry, ensembleRun, { by: 'test', code_version: 'test' });
      // Bytes damaged on disk after registration (the same content-addressed file as v1's,
      // so copy v1's aside first and restore it for the rollback).
      const file = path.join(dir, 'artifacts', v2.artifact.sha256.slice(0, 2), v2.artifact.sha256);
      const good = `${file}.good`;
      copyFileSync(file, good);
      chmodSync(file, 0o644);
      writeFileSync(file, '{"not":"a model"}');
      const lines: string[] = [];
      const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
      try {
        await registry.promote('ensemble', v2.version, who);
        const start = Date.now();
        while (!ensemble.failedSwitch() && Date.now() - start < 10_000) {
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        spy.mockRestore();
      }
      expect(lines.join('')).toMatch(
        /ensemble: production version 2 failed to load, version 1 still serves: .*sha256/,
      );
      const ready = await rpc<pb.ModelReadyResponse>(inference, 'modelReady', {
        name: 'ensemble',
        version: '',
      });
      const server = await rpc<pb.ServerReadyResponse>(inference, 'serverReady', {});
      expect([ready.ready, server.ready]).toEqual([false, false]);
      const meta = await rpc<pb.ModelMetadataResponse>(inference, 'modelMetadata', {
        name: 'ensemble',
        version: '',
      });
      expect(meta.versions).toEqual(['1']);
      expect(meta.properties).toMatchObject({
        failed_production_version: '2',
        serving_version: '1',
      });
      expect(meta.properties.load_error).toBe('IntegrityError');
      expect(JSON.stringify(meta)).not.toContain(dir);

      copyFileSync(good, file);
      await registry.rollback('ensemble', who);
      const start = Date.now();
      while (ensemble.failedSwitch() && Date.now() - start < 10_000) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const after = await rpc<pb.ModelReadyResponse>(inference, 'modelReady', {
        name: 'ensemble',
        version: '1',
      });
      expect(after.ready).toBe(true);
    });
  });

  describe('one rule for request numbers (item 10)', () => {
    it('PredictInterview refuses NaN, Infinity and out-of-range scores, naming the field', async () => {
      const predict = (a: pb.ApplicationFeatures) =>
        code(rpc(predictorClient, 'predictInterview', { applications: [application(), a] }));
      expect(
        await predict(
          application({
            fit_components: { technical: NaN, seniority: 50, experience: 50, signal: 50 },
          }),
        ),
      ).toMatch(/^INVALID_ARGUMENT: applications\[1\]\.fit_components\.technical: NaN must be/);
      expect(await predict(application({ resume_score: 1e308 }))).toMatch(
        /^INVALID_ARGUMENT: applications\[1\]\.resume_score: 1e\+308 must be a number in 0-100/,
      );
      expect(await predict(application({ resume_score: Infinity }))).toMatch(
        /^INVALID_ARGUMENT: applications\[1\]\.resume_score: Infinity/,
      );
      expect(await predict(application({ extra_numeric: { x: -Infinity } }))).toMatch(
        /^INVALID_ARGUMENT: applications\[1\]\.extra_numeric\.x: -Infinity must be a finite number/,
      );
      // Unknown components: the message left out.
      expect(await predict(application({ fit_components: undefined }))).toBe('OK');
    });

    it('ModelInfer: NaN is unknown only where the contract allows it', async () => {
      const infer = (over: Record<string, number>) =>
        code(rpc(inference, 'modelInfer', inferRequest(over)));
      expect(await infer({ fit_technical: NaN })).toBe('OK');
      expect(await infer({ resume_score: NaN })).toMatch(
        /^INVALID_ARGUMENT: inputs 'resume_score'\[0\]: NaN \(unknown\) is not allowed/,
      );
      expect(await infer({ resume_score: 1e308 })).toMatch(
        /^INVALID_ARGUMENT: inputs 'resume_score'\[0\]: 1e\+308 must be a number in 0-100/,
      );
      expect(await infer({ fit_signal: Infinity })).toMatch(
        /^INVALID_ARGUMENT: inputs 'fit_signal'\[0\]: Infinity/,
      );
    });

    it('ScoreFit and its ModelInfer refuse NaN components and out-of-range resume scores', async () => {
      const job = (technical: number) => ({
        job_id: 'j',
        components: { technical, seniority: 50, experience: 50, signal: 50 },
        category: 'target',
      });
      const score = (r: object) => code(rpc(fitClient, 'scoreFit', { user_id: 'u', ...r }));
      expect(await score({ resume_score: 60, jobs: [job(NaN)] })).toMatch(
        /^INVALID_ARGUMENT: jobs\[0\]\.components\.technical: NaN must be a number in 0-100/,
      );
      expect(await score({ resume_score: 1e308, jobs: [job(50)] })).toMatch(
        /^INVALID_ARGUMENT: resume_score: 1e\+308 must be a number in 0-100/,
      );
      expect(await score({ resume_score: 60, jobs: [job(50)] })).toBe('OK');
      const components = pb.ModelInferRequest.fromPartial({
        model_name: 'fit-score',
        inputs: [
          {
            name: 'fit_components',
            datatype: 'FP64',
            shape: [1, 4],
            contents: pb.InferTensorContents.fromPartial({ fp64_contents: [50, NaN, 50, 50] }),
          },
        ],
      });
      expect(await code(rpc(fitInference, 'modelInfer', components))).toMatch(
        /^INVALID_ARGUMENT: inputs 'fit_components'\[0\]\[1\]: NaN/,
      );
    });
  });

  describe('what a caller can make the service do (item 11)', () => {
    it('a shape beyond 2^53 - 1 is INVALID_ARGUMENT, not INTERNAL', async () => {
      const r = inferRequest();
      r.inputs[0].shape = [2 ** 53 + 1];
      expect(await code(rpc(inference, 'modelInfer', r))).toMatch(
        /^INVALID_ARGUMENT: request: not a valid message: a 64-bit integer field/,
      );
    });

    it('a 200 KB model name is not echoed whole, and the channel keeps working', async () => {
      const name = 'm'.repeat(200_000);
      const failed = await code(rpc(inference, 'modelReady', { name, version: '' }));
      expect(failed).toMatch(/^NOT_FOUND: model m+ … \(200\d+ bytes, cut\)$/);
      expect(Buffer.byteLength(failed)).toBeLessThan(1100);
      const live = await rpc<pb.ServerLiveResponse>(inference, 'serverLive', {});
      expect(live.live).toBe(true);
    });

    it('an upload beyond the artifact cap (default 16 MiB) is refused', async () => {
      await expect(
        registry.register({
          ...attackerUpload,
          model: 'ensemble',
          content: Buffer.alloc(100 * 1024 * 1024, 1),
        }),
      ).rejects.toThrow(/^content: 104857600 bytes exceed the limit of 16777216/);
    });
  });

  // Item 13: the protocol under its own names, for clients generated from its own proto.
  (pythonGrpc ? describe : describe.skip)('a stock Python grpcio client (item 13)', () => {
    it('speaks the Open Inference Protocol, health checking and reflection', async () => {
      const stubs = path.join(dir, 'py');
      const reflection = path.join(dir, 'reflection-proto', 'hl_reflection');
      mkdirSync(reflection, { recursive: true });
      // Under a folder of its own name: generated as grpc/reflection/... it would shadow grpcio.
      copyFileSync(
        path.join(
          ROOT,
          'node_modules/@grpc/reflection/build/proto/grpc/reflection/v1/reflection.proto',
        ),
        path.join(reflection, 'reflection.proto'),
      );
      mkdirSync(stubs);
      execFileSync(PYTHON, [
        '-m',
        'grpc_tools.protoc',
        `-I${path.join(ROOT, 'proto')}`,
        `-I${path.join(ROOT, 'node_modules/grpc-health-check/proto')}`,
        `-I${path.dirname(reflection)}`,
        `--python_out=${stubs}`,
        `--grpc_python_out=${stubs}`,
        'inference/open_inference_grpc.proto',
        'health/v1/health.proto',
        'hl_reflection/reflection.proto',
      ]);
      // Asynchronously: the services answer on this process's event loop.
      const { stdout } = await promisify(execFile)(
        PYTHON,
        [
          path.join(__dirname, 'support/oip_client.py'),
          services.predictor.address,
          stubs,
          'ensemble',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      const r = JSON.parse(stdout);
      expect(r.server_live).toBe(true);
      expect(r.server_ready).toBe(true);
      expect(r.server_metadata.name).toBe('hirelearn');
      expect(r.model_ready).toBe(true);
      expect(r.model_metadata.name).toBe('ensemble');
      expect(r.model_metadata.inputs[0]).toEqual(['fit_technical', 'FP64', [-1]]);
      expect(r.model_infer.id).toBe('py-1');
      const [p] = r.model_infer.outputs.probability;
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
      expect(r.huge_shape).toBe('INVALID_ARGUMENT');
      expect(r.health).toEqual({ '': 'SERVING', 'inference.GRPCInferenceService': 'SERVING' });
      expect(r.reflection).toEqual([
        'grpc.health.v1.Health',
        'hirelearn.v1.InterviewPredictor',
        'inference.GRPCInferenceService',
      ]);
    });
  });
  if (!pythonGrpc) {
    it.skip(`the Python client test needs ${PYTHON} with grpcio and grpc_tools: apt-get install -y python3-grpcio python3-grpc-tools`, () =>
      undefined);
  }
});
