/** @jest-environment ./libs/ml/src/onnx/onnx-test-environment.js */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { credentials, type ClientReadableStream } from '@grpc/grpc-js';
import type { EventOf } from '@hirelearn/contract';
import { ingest } from '@hirelearn/ingest';
import {
  checkDataQuality,
  modelHealthCollection,
  MonitorLoop,
  registryTarget,
  startMonitorServer,
} from '@hirelearn/monitoring';
import * as pb from '@hirelearn/proto';
import {
  clientConnection,
  clientSecuritySettings,
  serverSecuritySettings,
  startGrpcServer,
  type RunningService,
} from '@hirelearn/rpc';
import { Registry, RegistryGrpcClient, startRegistryServer } from '@hirelearn/registry';
import {
  ensemblePredictorBindings,
  PredictionLog,
  registryClientView,
  servedEnsemble,
  storeSink,
} from '@hirelearn/services';
import { registerRun, trainModel, type TrainingRun } from '@hirelearn/training';
import { defaultSimSettings, simulateWorld, type SimWorld } from '@hirelearn/sim';
import { EventStore, openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { writeCredentials } from './support/credentials';
import { rpc } from './support/grpc';

/**
 * The drift monitor end to end, every service on loopback and called over gRPC: the registry
 * serves an ensemble in production (version 2, version 1 before it), the ensemble predictor
 * answers PredictInterview for every application of a simulated world as it is submitted
 * (the prediction log stamps the world's clock), the world's events arrive through ingestion,
 * and the monitor service (RunNow) judges the served version. In a world whose hiring market
 * loosens mid-way (libs/sim `behaviourChange`) it must roll production back to version 1
 * with its evidence as the recorded reason; in the same world without the change, nothing.
 */

const MODEL = 'ensemble';
const WORLD = { users: 150, months: 6, seed: 5 } as const;
const CHANGE = { atMonth: 3, kind: 'base_rate', size: 0.3 } as const;
const DAY = 86_400_000;
const who = { by: 'test', reason: 'cross-app test' };
/** The drift monitor rolls back as itself (role monitor); the test asks for passes as ops. */
const MONITOR_TOKEN = 'drift-monitor-token-0123456789abcdef01234';
const OPS_TOKEN = 'ops-token-0123456789abcdef0123456789abcdef';
const withToken = (token: string | null) => clientSecuritySettings({}, { token, tokenFile: null });

/** The request of one submitted application, from its event (what the orchestrator knows). */
function features(e: EventOf<'APPLICATION_SUBMITTED'>): pb.ApplicationFeatures {
  const c = e.context;
  return pb.ApplicationFeatures.fromPartial({
    application_id: e.application_id,
    user_id: e.user_id,
    strategy_mode: c.strategy_mode,
    fit_score: c.fit_score,
    fit_components: c.fit_components,
    category: c.category,
    job: { seniority: c.job_characteristics?.seniority ?? '' },
    resume_score: c.resume_score,
    tailoring_applied: c.tailoring_applied ?? false,
    submitted_at: e.timestamp,
  });
}

const timeOf = (line: string): number => {
  try {
    return Date.parse(String((JSON.parse(line) as { timestamp?: unknown }).timestamp));
  } catch {
    return NaN;
  }
};

/** Everything one scenario runs: stores, the three services and their clients. */
class Scenario {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'hl-monitor-e2e-'));
  events!: EventStore;
  documents!: DocumentStore;
  registry!: Registry;
  registryServer!: RunningService;
  registryClients: RegistryGrpcClient[] = [];
  predictor!: RunningService;
  monitor!: RunningService;
  log!: PredictionLog;
  predictorClient!: pb.InterviewPredictorClient;
  monitorClient!: pb.MonitorClient;
  /** The world's clock: what the prediction log stamps. */
  now = 0;
  private submitted: EventOf<'APPLICATION_SUBMITTED'>[] = [];
  private predictedUpTo = -Infinity;

  constructor(readonly world: SimWorld) {
    this.submitted = world.events
      .filter(
        (e): e is EventOf<'APPLICATION_SUBMITTED'> => e.event_type === 'APPLICATION_SUBMITTED',
      )
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  }

  async start(runs: readonly TrainingRun[]): Promise<void> {
    this.events = await EventStore.open('duckdb::memory:');
    this.documents = await openDocumentStore(`sqlite://${path.join(this.dir, 'docs.sqlite')}`);
    this.registry = await Registry.open({
      documents: this.documents,
      artifactsDir: path.join(this.dir, 'artifacts'),
      settings: { watch_poll_ms: 50 },
    });
    for (const run of runs)
      await registerRun(this.registry, run, { by: 'test', code_version: 't' });
    await this.registry.promote(MODEL, 1, who);
    await this.registry.promote(MODEL, 2, who);
    const security = serverSecuritySettings(
      {},
      {
        credentialsFile: writeCredentials(path.join(this.dir, 'credentials.json'), [
          { identity: 'drift-monitor', role: 'monitor', token: MONITOR_TOKEN },
          { identity: 'ops', role: 'ml-engineer', token: OPS_TOKEN },
        ]),
      },
    );
    this.registryServer = await startRegistryServer(this.registry, { security });
    // The predictor only reads (anonymous on loopback); the monitor's rollbacks need its role.
    this.registryClients = [null, MONITOR_TOKEN].map(
      (token) =>
        new RegistryGrpcClient(this.registryServer.address, { security: withToken(token) }),
    );

    const served = servedEnsemble(registryClientView(this.registryClients[0]));
    await served.start();
    this.log = new PredictionLog(storeSink(this.documents), () => new Date(this.now));
    this.predictor = await startGrpcServer(ensemblePredictorBindings(served, this.log), {
      security,
      onShutdown: () => served.stop(),
    });
    // The monitor reaches the registry over gRPC, as the served drift-monitor does.
    const target = registryTarget(this.registryClients[1]);
    const loop = new MonitorLoop(async () => ({
      deps: { events: this.events, documents: this.documents, registry: target },
      close: async () => undefined,
    }));
    this.monitor = await startMonitorServer(loop, this.documents, { security });
    const insecure = credentials.createInsecure();
    this.predictorClient = new pb.InterviewPredictorClient(this.predictor.address, insecure);
    const ops = clientConnection(this.monitor.address, withToken(OPS_TOKEN));
    this.monitorClient = new pb.MonitorClient(this.monitor.address, ops.credentials, ops.options);
  }

  /**
   * Replays the world up to `until`: each day's applications are predicted over gRPC at
   * their submission time, then the events that happened by then are ingested.
   */
  async replay(until: number): Promise<void> {
    const due = this.submitted.filter((e) => {
      const t = Date.parse(e.timestamp);
      return t >= this.predictedUpTo && t < until;
    });
    let batch: EventOf<'APPLICATION_SUBMITTED'>[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      this.now = Date.parse(batch[batch.length - 1].timestamp);
      await rpc(this.predictorClient, 'predictInterview', { applications: batch.map(features) });
      batch = [];
    };
    for (const e of due) {
      if (batch.length > 0 && Date.parse(e.timestamp) - Date.parse(batch[0].timestamp) >= DAY / 4)
        await flush();
      batch.push(e);
    }
    await flush();
    await this.log.flush();
    this.predictedUpTo = until;
    const file = path.join(this.dir, `events-${until}.ndjson`);
    writeFileSync(file, this.world.lines.filter((l) => !(timeOf(l) >= until)).join('\n') + '\n');
    await ingest(this.events, [file]);
  }

  async health(request: Partial<pb.ListHealthRequest>): Promise<pb.ModelHealth[]> {
    const r = await rpc<pb.ListHealthResponse>(
      this.monitorClient,
      'listHealth',
      pb.ListHealthRequest.fromPartial(request),
    );
    return r.health;
  }

  async runNow(): Promise<pb.MonitorRun> {
    return (await rpc<pb.RunNowResponse>(this.monitorClient, 'runNow', {})).run!;
  }

  async stop(): Promise<void> {
    this.predictorClient?.close();
    this.monitorClient?.close();
    await this.monitor?.shutdown();
    await this.predictor?.shutdown();
    this.registryClients.forEach((c) => c.close());
    await this.registryServer?.shutdown();
    await this.log?.close();
    await this.documents?.close();
    await this.events?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Two versions trained on what was known before the change (the same in both worlds). */
async function trainVersions(world: SimWorld, until: number, dir: string): Promise<TrainingRun[]> {
  const file = path.join(dir, 'training.ndjson');
  writeFileSync(file, world.lines.filter((l) => timeOf(l) < until).join('\n') + '\n');
  const store = await EventStore.open('duckdb::memory:');
  try {
    await ingest(store, [file]);
    const runs: TrainingRun[] = [];
    for (const seed of [1, 2]) {
      const run = await trainModel(store, 'ensemble', seed);
      if (run.status !== 'ok') throw new Error(`training failed: ${run.reason}`);
      runs.push(run);
    }
    return runs;
  } finally {
    await store.close();
  }
}

const changing = simulateWorld(defaultSimSettings({ ...WORLD, behaviourChange: CHANGE }));
const changeAt = Date.parse(changing.truth.behaviour_change!.at);
let runs: TrainingRun[];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-monitor-train-'));
  try {
    runs = await trainVersions(changing, changeAt, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

describe('the drift monitor over gRPC, on a world whose hiring market loosens mid-way', () => {
  const s = new Scenario(changing);
  let before: pb.MonitorRun;
  let after: pb.MonitorRun;
  let watched: pb.HealthEvent[];

  beforeAll(async () => {
    await s.start(runs);
    await s.replay(changeAt);
    before = await s.runNow();
    const stream: ClientReadableStream<pb.HealthEvent> = s.monitorClient.watchHealth({
      model: MODEL,
      send_latest: false,
    });
    watched = [];
    stream.on('data', (e: pb.HealthEvent) => watched.push(e));
    stream.on('error', () => undefined);
    await s.replay(Date.parse(changing.settings.endDate));
    after = await s.runNow();
    const start = Date.now();
    while (watched.length === 0 && Date.now() - start < 5_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    stream.cancel();
  }, 120_000);
  afterAll(() => s.stop());

  it('judges version 2 healthy while the world has not changed', () => {
    expect(before.versions).toEqual([
      expect.objectContaining({
        model: MODEL,
        version: 2,
        stage: pb.Stage.STAGE_PRODUCTION,
        critical_windows: 0,
        rollback: pb.RollbackOutcome.ROLLBACK_OUTCOME_NOT_NEEDED,
      }),
    ]);
    expect(before.versions[0].windows).toBeGreaterThan(3);
    expect(before.trigger).toBe(pb.RunTrigger.RUN_TRIGGER_RUN_NOW);
  });

  it('rolls production back to version 1 after the change, the evidence as the reason', async () => {
    const [verdict] = after.versions;
    expect(verdict).toMatchObject({
      version: 2,
      rollback: pb.RollbackOutcome.ROLLBACK_OUTCOME_REQUESTED,
      rollback_message: '',
    });
    expect(verdict.evidence).toMatch(/^drift-monitor: ensemble v2 critical: ECE 0\.\d+ > 0\.2/);
    expect(verdict.evidence).toContain('concept drift on the error stream: Page-Hinkley at 2025-1');
    expect((await s.registry.production(MODEL))?.version).toBe(1);
    const last = (await s.registry.transitions(MODEL)).at(-1)!;
    expect(last).toMatchObject({
      version: 1,
      to_stage: 'production',
      by: 'drift-monitor',
      reason: verdict.evidence,
    });
  });

  it('serves the windows over GetHealth and ListHealth: calibrated before the change, not after', async () => {
    const all = await s.health({ model: MODEL });
    const ok = all.filter((h) => h.status === pb.HealthStatus.HEALTH_STATUS_OK);
    const pre = ok.filter((h) => Date.parse(h.window_end) <= changeAt);
    const post = ok.filter((h) => Date.parse(h.window_start) >= changeAt);
    expect(pre.length).toBeGreaterThan(3);
    expect(post.length).toBeGreaterThan(1);
    // The ensemble over-predicts a little (ECE about 0.1) but well within the threshold.
    for (const h of pre) {
      expect(h.ece!).toBeLessThan(0.15);
      expect(h.critical).toEqual([]);
    }
    for (const h of post) {
      expect(h.ece!).toBeGreaterThan(0.2);
      expect(h.critical).toContain(pb.CriticalReason.CRITICAL_REASON_ECE_ABOVE_THRESHOLD);
      expect(h.positive_rate!).toBeGreaterThan(h.mean_predicted! + 0.2);
    }
    // The second pass replaced the reports of the windows the first one had scored.
    const stored = await modelHealthCollection(s.documents).find({ model: MODEL });
    expect(stored).toHaveLength(all.length);
    expect(stored.filter((h) => h.revision === 2).length).toBeGreaterThanOrEqual(pre.length);
    const critical = await s.health({ model: MODEL, version: 2, critical_only: true });
    expect(critical.length).toBeGreaterThanOrEqual(post.length);
    const latest = await rpc<pb.GetHealthResponse>(
      s.monitorClient,
      'getHealth',
      pb.GetHealthRequest.fromPartial({ model: MODEL }),
    );
    expect(latest.health).toMatchObject({ model: MODEL, version: 2 });
    expect(latest.health!.window_start).toBe(
      all
        .map((h) => h.window_start)
        .sort()
        .at(-1),
    );
    await expect(
      rpc(
        s.monitorClient,
        'getHealth',
        pb.GetHealthRequest.fromPartial({ model: MODEL, version: 1 }),
      ),
    ).rejects.toMatchObject({ code: 5 });
    await expect(
      rpc(s.monitorClient, 'getHealth', pb.GetHealthRequest.fromPartial({ model: '' })),
    ).rejects.toMatchObject({
      code: 3,
    });
  });

  it('detects the change on the error stream after it happened, within three weeks', async () => {
    const all = await s.health({ model: MODEL });
    const first = all.flatMap((h) => h.page_hinkley_detections).sort()[0];
    expect(Date.parse(first)).toBeGreaterThanOrEqual(changeAt);
    expect(Date.parse(first) - changeAt).toBeLessThan(21 * DAY);
  });

  it('tells WatchHealth subscribers what the pass decided', () => {
    expect(watched).toHaveLength(1);
    expect(watched[0]).toMatchObject({
      at: after.finished_at,
      trigger: pb.RunTrigger.RUN_TRIGGER_RUN_NOW,
      verdict: { version: 2, rollback: pb.RollbackOutcome.ROLLBACK_OUTCOME_REQUESTED },
      latest: { model: MODEL, version: 2 },
    });
  });

  it('has the predictor answer with version 1 after the rollback, and nothing more to judge', async () => {
    const app = features(
      changing.events.find(
        (e) => e.event_type === 'APPLICATION_SUBMITTED',
      ) as EventOf<'APPLICATION_SUBMITTED'>,
    );
    const start = Date.now();
    let version = 0;
    while (version !== 1 && Date.now() - start < 10_000) {
      const r = await rpc<pb.PredictInterviewResponse>(s.predictorClient, 'predictInterview', {
        applications: [app],
      });
      version = r.predictions[0].model_version;
    }
    expect(version).toBe(1);
    const again = await s.runNow();
    expect(again.versions).toEqual([
      expect.objectContaining({
        version: 1,
        rollback: pb.RollbackOutcome.ROLLBACK_OUTCOME_NOT_NEEDED,
      }),
    ]);
  });
});

describe('the drift monitor over gRPC, on the same world without the change', () => {
  const stable = simulateWorld(defaultSimSettings(WORLD));
  const s = new Scenario(stable);
  let run: pb.MonitorRun;

  beforeAll(async () => {
    await s.start(runs);
    await s.replay(Date.parse(stable.settings.endDate));
    run = await s.runNow();
  }, 120_000);
  afterAll(() => s.stop());

  it('rolls nothing back and keeps every window calibrated', async () => {
    expect(run.versions).toEqual([
      expect.objectContaining({
        version: 2,
        critical_windows: 0,
        rollback: pb.RollbackOutcome.ROLLBACK_OUTCOME_NOT_NEEDED,
      }),
    ]);
    expect((await s.registry.production(MODEL))?.version).toBe(2);
    const transitions = await s.registry.transitions(MODEL);
    expect(transitions.filter((t) => t.by === 'drift-monitor')).toEqual([]);
    const health = (await s.health({ model: MODEL })).filter(
      (h) => h.status === pb.HealthStatus.HEALTH_STATUS_OK,
    );
    expect(health.length).toBeGreaterThan(8);
    for (const h of health) {
      expect(h.critical).toEqual([]);
      expect(h.page_hinkley_detections).toEqual([]);
      expect(h.ece!).toBeLessThan(0.2);
    }
  });

  it('raises nothing critical in the data-quality checks of the clean simulated log', async () => {
    const report = await checkDataQuality(s.events);
    expect(report.status).toBe('ok');
    expect(report.findings.filter((f) => f.severity === 'critical')).toEqual([]);
    expect(report.checked_events).toBeGreaterThan(10_000);
  });
});
