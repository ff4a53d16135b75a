/**
 * The learning-engine app started as its own process on loopback and called over gRPC
 * (`hirelearn.v1.Experiments`): an experiment on the simulator's randomized exposures walks
 * create -> start -> assign -> analyse -> ramp -> ramp -> rollback, with refusals as gRPC
 * statuses that name the field or rule; a second one, with a harmful treatment, rolls back
 * by itself at its first ramp. The assignment is checked against the GrowthBook SDK
 * evaluating the exported feature JSON and the CLI asking the service, and the analysis
 * against the in-process one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { status, type ServiceError } from '@grpc/grpc-js';
import { GrowthBook } from '@growthbook/growthbook';
import { analyzeFromStore, personalizationOptOuts } from '@hirelearn/experiments';
import { ingest } from '@hirelearn/ingest';
import * as pb from '@hirelearn/proto';
import { clientConnection, clientSecuritySettings } from '@hirelearn/rpc';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { listeningAddress, runCli } from './support/cli';
import { writeCredentials } from './support/credentials';
import { coverLetterExperiment } from './support/experiment';

const APP = resolve(__dirname, '../dist/apps/learning-engine/main.js');
const ID = 'exp-cover-letter-assist';

/** The simulator's randomized experiment as a definition on the wire (values are JSON text). */
const definition = (id: string, effort = 0.1): pb.ExperimentDefinition => ({
  experiment_id: id,
  name: 'Cover letter assist',
  hypothesis: 'assisted cover letters raise interviews per application',
  component: 'resume_analysis',
  parameter: 'cover_letter_assist',
  variants: [
    { variant_id: 'control', value_json: 'false', allocation: 0.5 },
    { variant_id: 'assist', value_json: 'true', allocation: 0.5 },
  ],
  success_metric: 'interviews_per_application',
  guardrail_metrics: ['applications', 'ghosted_rate'],
  seed: '',
  ethics: {
    job_recommendation_change: 0,
    user_effort_change: effort,
    expected_benefit: 0.05,
    has_opt_out_path: true,
    has_rollback_plan: true,
  },
});

/** The same experiment as the domain object, for the in-process analysis. */
const experiment = coverLetterExperiment({
  hypothesis: 'assisted cover letters raise interviews per application',
  success_metric: 'interviews_per_application',
  guardrail_metrics: ['applications', 'ghosted_rate'],
  coverage: 0.1,
  ethics: { ...coverLetterExperiment().ethics, user_effort_change: 0.1 },
});

/**
 * Exposures of a second experiment, `exp-harm`, whose treatment is harmful by construction:
 * the half of the users with the most ghosted applications is "treated", exposed before any
 * of their applications, so its ghosted_rate guardrail is clearly worse (50/50, no SRM).
 */
const HARM = 'exp-harm';
async function addHarmfulExposures(store: EventStore, dir: string): Promise<void> {
  const rows = await store.rows(
    `SELECT u.user_id, coalesce(avg(a.ghosted::DOUBLE), 0) AS g,
       (SELECT min(occurred_at) FROM raw_events) - INTERVAL 1 DAY AS t
     FROM (SELECT DISTINCT user_id FROM users) u LEFT JOIN applications a USING (user_id)
     GROUP BY u.user_id ORDER BY g DESC, u.user_id`,
  );
  const lines = rows.map((r, i) =>
    JSON.stringify({
      event_id: `harm-${i}`,
      event_type: 'EXPERIMENT_EXPOSURE',
      user_id: r.user_id,
      timestamp: new Date(String(r.t)).toISOString(),
      experiment_id: HARM,
      variant_id: i < rows.length / 2 ? 'harm' : 'control',
    }),
  );
  const file = join(dir, 'harm.ndjson');
  writeFileSync(file, lines.join('\n'));
  await ingest(store, [file]);
}

/** Promise forms of the generated client's unary calls. */
function callsOf(client: pb.ExperimentsClient) {
  const p = <Req, Res>(
    fn: (r: Req, cb: (e: ServiceError | null, res: Res) => void) => unknown,
  ): ((r: Req) => Promise<Res>) => promisify(fn.bind(client)) as (r: Req) => Promise<Res>;
  return {
    create: p<pb.CreateExperimentRequest, pb.ExperimentResponse>(client.createExperiment),
    start: p<pb.ExperimentActionRequest, pb.ExperimentResponse>(client.startExperiment),
    get: p<pb.GetExperimentRequest, pb.GetExperimentResponse>(client.getExperiment),
    list: p<pb.ListExperimentsRequest, pb.ListExperimentsResponse>(client.listExperiments),
    assign: p<pb.AssignRequest, pb.AssignResponse>(client.assign),
    analyse: p<pb.AnalyseExperimentRequest, pb.ExperimentResults>(client.analyseExperiment),
    ramp: p<pb.RampRequest, pb.DecisionResponse>(client.ramp),
    rollback: p<pb.ExperimentActionRequest, pb.DecisionResponse>(client.rollback),
    export: p<pb.ExportFeaturesRequest, pb.ExportFeaturesResponse>(client.exportFeatures),
  };
}

/** The experimenters' tokens; the server's credentials file holds their sha256 only. */
const ANA = 'ana-token-0123456789abcdef0123456789abcdef';
const NIGHTLY = 'nightly-token-0123456789abcdef0123456789ab';

/** A client of `address` that sends `token` (none: anonymous). */
function clientOf(address: string, token?: string): pb.ExperimentsClient {
  const c = clientConnection(
    address,
    clientSecuritySettings({}, { token: token ?? null, tokenFile: null }),
  );
  return new pb.ExperimentsClient(address, c.credentials, c.options);
}

/** Starts the built app on a free port; resolves with its address. */
function startApp(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, [APP], {
    env: { ...process.env, ...env, HIRELEARN_LEARNING_ENGINE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return listeningAddress(child, 'learning-engine').then((address) => ({ child, address }));
}

/** The variant the GrowthBook SDK itself serves a user from an exported payload. */
function sdkVariant(payload: string, userId: string): string | null {
  const gb = new GrowthBook({ attributes: { id: userId, personalization_opt_out: false } });
  gb.initSync({ payload: JSON.parse(payload) });
  const r = gb.evalFeature(ID);
  const key = r.source === 'experiment' && r.experimentResult?.inExperiment;
  gb.destroy();
  return key ? (r.experimentResult?.key ?? null) : null;
}

describe('learning engine over gRPC (the app on loopback)', () => {
  let dir: string;
  let db: string;
  let app: ChildProcess;
  let client: pb.ExperimentsClient;
  let address: string;
  let x: ReturnType<typeof callsOf>;
  let users: string[];
  let optedOut: Set<string>;

  beforeAll(async () => {
    if (!existsSync(APP))
      throw new Error(`${APP} is missing: run 'make build' (or 'npm run build') first`);
    dir = mkdtempSync(join(tmpdir(), 'hirelearn-learning-engine-'));
    db = `duckdb://${join(dir, 'events.duckdb')}`;
    const world = simulateWorld(defaultSimSettings({ users: 500, months: 3, seed: 8 }));
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    const store = await EventStore.open(db);
    await ingest(store, [file]);
    await addHarmfulExposures(store, dir);
    const rows = await store.rows(`SELECT DISTINCT user_id FROM users ORDER BY 1`);
    users = rows.map((r) => String(r.user_id));
    optedOut = await personalizationOptOuts(store);
    await store.close();
    const started = await startApp({
      HIRELEARN_DB: db,
      HIRELEARN_DOCUMENTS: `sqlite://${join(dir, 'documents.sqlite')}`,
      HIRELEARN_CREDENTIALS: writeCredentials(join(dir, 'credentials.json'), [
        { identity: 'ana', role: 'experimenter', token: ANA },
        { identity: 'nightly', role: 'experimenter', token: NIGHTLY },
      ]),
    });
    app = started.child;
    address = started.address;
    client = clientOf(started.address, ANA);
    x = callsOf(client);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    if (app && app.exitCode === null) {
      const exited = new Promise((res) => app.once('exit', res));
      app.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const who = { who: 'ana', why: 'approved by the growth review' };

  it('creates a draft, and refuses bad requests with the field or rule in a gRPC status', async () => {
    const created = await x.create({ definition: definition(ID), ...who });
    expect(created.experiment).toMatchObject({
      experiment_id: ID,
      status: pb.ExperimentStatus.EXPERIMENT_STATUS_DRAFT,
      hash_version: 2,
      seed: ID,
      minimum_sample_size: 200,
    });
    await expect(x.create({ definition: definition(ID), ...who })).rejects.toMatchObject({
      code: status.ALREADY_EXISTS,
    });
    const bad = definition('exp-bad');
    bad.variants[1].allocation = 0.7;
    await expect(x.create({ definition: bad, ...who })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining('variants: allocations must sum to 1'),
    });
    const notJson = definition('exp-bad');
    notJson.variants[0].value_json = 'off';
    await expect(x.create({ definition: notJson, ...who })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: expect.stringContaining('definition.variants[0].value_json: must be JSON'),
    });
    const anonymous = clientOf(address);
    await expect(
      callsOf(anonymous).create({ definition: definition('exp-x'), ...who }),
    ).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
      details: expect.stringContaining('CreateExperiment needs credentials'),
    });
    anonymous.close();
    await x.create({ definition: definition('exp-effort', 0.8), ...who });
    await expect(x.start({ experiment_id: 'exp-effort', ...who })).rejects.toMatchObject({
      code: status.FAILED_PRECONDITION,
      details: expect.stringContaining('user_effort_rise'),
    });
    await expect(x.get({ experiment_id: 'exp-nope' })).rejects.toMatchObject({
      code: status.NOT_FOUND,
    });
  });

  it('starts at 10% and assigns exactly as the GrowthBook SDK on the exported features', async () => {
    const started = await x.start({ experiment_id: ID, ...who });
    expect(started.experiment).toMatchObject({
      status: pb.ExperimentStatus.EXPERIMENT_STATUS_RUNNING,
      coverage: 0.1,
    });
    const { assignments } = await x.assign({ experiment_id: ID, user_ids: users });
    expect(assignments.map((a) => a.user_id)).toEqual(users);
    const { payload_json } = await x.export({ experiment_ids: [ID] });
    let enrolled = 0;
    for (const a of assignments) {
      if (optedOut.has(a.user_id)) {
        expect(a).toMatchObject({ variant_id: '', reason: 'opted_out' });
        continue;
      }
      expect(a.variant_id || null).toBe(sdkVariant(payload_json, a.user_id));
      if (a.variant_id) {
        enrolled++;
        expect(a.value_json).toBe(a.variant_id === 'assist' ? 'true' : 'false');
      }
    }
    expect(optedOut.size).toBeGreaterThan(0);
    // About 10% of the eligible users at coverage 0.1.
    expect(enrolled / (users.length - optedOut.size)).toBeGreaterThan(0.05);
    expect(enrolled / (users.length - optedOut.size)).toBeLessThan(0.16);
    // The CLI asks the same service: `hirelearn experiments assign ID --address`.
    const file = join(dir, 'users.txt');
    writeFileSync(file, users.slice(0, 50).join('\n'));
    const cli = runCli(['experiments', 'assign', ID, '--users', file, '--address', address], {
      HIRELEARN_TOKEN: ANA,
    });
    expect(cli.stderr).toBe('');
    expect(cli.stdout.trim().split('\n')).toEqual(
      assignments.slice(0, 50).map((a) => `${a.user_id}\t${a.variant_id || 'none'}`),
    );
    const running = await x.list({ status: pb.ExperimentStatus.EXPERIMENT_STATUS_RUNNING });
    expect(running.experiments.map((e) => e.experiment_id)).toEqual([ID]);
  });

  it('analyses the simulated exposures: the same numbers as the in-process analysis, ratio metric included', async () => {
    const r = await x.analyse({ experiment_id: ID });
    const store = await EventStore.open(db);
    const local = await analyzeFromStore(store, experiment);
    await store.close();
    expect(r.status).toBe(local.status);
    expect(r.sample_size).toBe(local.sample_size);
    expect(r.sample_size).toBeGreaterThan(400);
    expect(r.srm?.mismatch).toBe(false);
    expect(r.metrics.map((m) => [m.metric_id, m.kind])).toEqual([
      ['interviews_per_application', 'ratio'],
      ['applications', 'mean'],
      ['ghosted_rate', 'mean'],
    ]);
    r.metrics.forEach((m, i) => {
      const l = local.metrics[i];
      expect(m.control_mean).toBeCloseTo(l.unadjusted.control_mean, 12);
      expect(m.relative_lift).toBeCloseTo(l.unadjusted.relative_lift, 12);
      expect(m.p_value).toBeCloseTo(l.unadjusted.p_value, 12);
      expect(m.sequential_ci_lower).toBeCloseTo(l.sequential.ci[0], 12);
      expect(m.chance_to_win).toBeCloseTo(l.bayesian.chance_to_win, 12);
    });
  });

  it('ramps 10% -> 50% -> 100% with stored decisions, then rolls back to the control', async () => {
    const first = await x.ramp({ experiment_id: ID, ...who });
    expect(first.decision).toMatchObject({
      action: 'ramp',
      coverage_before: 0.1,
      coverage_after: 0.5,
    });
    expect(first.results?.experiment_id).toBe(ID);
    const second = await x.ramp({ experiment_id: ID, ...who });
    expect(second.experiment?.coverage).toBe(1);
    // The actor is the authenticated caller (ana), whatever the request claims.
    const back = await x.rollback({
      experiment_id: ID,
      who: 'mallory',
      why: 'support tickets rose',
    });
    expect(back.experiment).toMatchObject({
      status: pb.ExperimentStatus.EXPERIMENT_STATUS_COMPLETED,
      outcome: pb.ExperimentOutcome.EXPERIMENT_OUTCOME_ROLLED_BACK,
      shipped_variant: 'control',
    });
    expect(back.decision).toMatchObject({
      action: 'rollback',
      coverage_before: 1,
      coverage_after: 0,
    });
    await expect(x.ramp({ experiment_id: ID, ...who })).rejects.toMatchObject({
      code: status.FAILED_PRECONDITION,
    });
    const shown = await x.get({ experiment_id: ID });
    expect(shown.changes.map((c) => c.action)).toEqual([
      'create',
      'start',
      'coverage',
      'coverage',
      'rolled_back',
    ]);
    expect(shown.changes[4]).toMatchObject({ who: 'ana', why: 'support tickets rose' });
    expect(shown.decisions.map((d) => d.action)).toEqual(['ramp', 'ramp', 'rollback']);
    // Everyone is served the control now, and the export forces it.
    const { assignments } = await x.assign({ experiment_id: ID, user_ids: users.slice(0, 20) });
    for (const a of assignments) expect(a).toMatchObject({ variant_id: '', value_json: 'false' });
    const payload = JSON.parse((await x.export({ experiment_ids: [] })).payload_json);
    expect(payload.features[ID].rules).toEqual([{ id: `${ID}-shipped`, force: false }]);
  });

  it('rolls back on its own at the first ramp when a guardrail is harmed', async () => {
    const d = definition(HARM);
    d.variants = [
      { variant_id: 'control', value_json: 'false', allocation: 0.5 },
      { variant_id: 'harm', value_json: 'true', allocation: 0.5 },
    ];
    d.success_metric = 'interviews';
    d.guardrail_metrics = ['ghosted_rate'];
    await x.create({ definition: d, ...who });
    await x.start({ experiment_id: HARM, ...who });
    const nightly = clientOf(address, NIGHTLY);
    const r = await callsOf(nightly).ramp({ experiment_id: HARM, who: '', why: 'ramp check' });
    nightly.close();
    const ghosted = r.results?.metrics.find((m) => m.metric_id === 'ghosted_rate');
    expect(ghosted).toMatchObject({ harmed: true, significant: true, higher_is_better: false });
    expect(ghosted?.sequential_ci_lower).toBeGreaterThan(0);
    expect(r.results?.srm?.mismatch).toBe(false);
    expect(r.decision).toMatchObject({
      action: 'rollback',
      coverage_before: 0.1,
      coverage_after: 0,
    });
    expect(r.decision?.checks.find((c) => c.check === 'nothing_harmed')).toMatchObject({
      passed: false,
      detail: expect.stringContaining('ghosted_rate (harm)'),
    });
    expect(r.experiment).toMatchObject({
      status: pb.ExperimentStatus.EXPERIMENT_STATUS_COMPLETED,
      outcome: pb.ExperimentOutcome.EXPERIMENT_OUTCOME_ROLLED_BACK,
      shipped_variant: 'control',
    });
    const log = (await x.get({ experiment_id: HARM })).changes.at(-1);
    expect(log).toMatchObject({ action: 'rolled_back', who: 'nightly' });
    expect(log?.why).toContain('harmed: ghosted_rate (harm)');
  });
});
