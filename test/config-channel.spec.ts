/**
 * The configuration channel across apps: the built registry app on loopback serves
 * hirelearn.v1.Config beside the registry; consuming layers watch it over gRPC, operators
 * publish, roll back and decide as authenticated identities, the CLI works on the same store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ConfigChannel,
  ConfigGrpcClient,
  DEFAULT_CONFIGS,
  RecommendationStore,
  type ConfigVersion,
} from '@hirelearn/config';
import { recommendationId, type OptimizationRecommendation } from '@hirelearn/optimize';
import { clientSecuritySettings } from '@hirelearn/rpc';
import { openDocumentStore } from '@hirelearn/store';
import { CLI, cliJson, listeningAddress, runCli } from './support/cli';
import { writeCredentials } from './support/credentials';
import { until } from './support/until';

const OPS = 'ops-token-0123456789abcdef0123456789abcd';
const READER = 'reader-token-0123456789abcdef0123456789ab';
const APP = resolve(__dirname, '../dist/apps/registry/main.js');
const as = (token: string | null) => ({
  deadline_ms: 10_000,
  security: clientSecuritySettings({}, { token, tokenFile: null }),
});
const weights = (technical: number, signal: number) => ({
  ...DEFAULT_CONFIGS[6],
  weights: { technical, seniority: 0.2, experience: 0.2, signal },
});

function recommendation(
  layer: 2 | 6,
  parameter: string,
  from: unknown,
  to: unknown,
  run = 'run-1',
): OptimizationRecommendation {
  const evidence = [
    { kind: 'causal_effect' as const, id: `${run}/${parameter}/iv`, summary: 'planted' },
  ];
  return {
    recommendation_id: recommendationId('strategy_engine', parameter, to as never, [
      evidence[0].id,
    ]),
    component: 'strategy_engine',
    layer,
    parameter,
    current_value: from as never,
    recommended_value: to as never,
    expected_impact: {
      metric: 'interview_rate',
      estimate: 0.01,
      interval: [0.002, 0.018],
      unit: 'probability',
    },
    evidence,
    confidence: 0.7,
    risk: 'medium',
    route: 'manual_review',
    route_reason: 'confidence below 0.8',
    reasons: [],
  };
}

describe('configuration channel (the registry app on loopback)', () => {
  let dir: string;
  let documentsUrl: string;
  let app: ChildProcess;
  let address: string;
  let ops: ConfigGrpcClient;
  let anonymous: ConfigGrpcClient;

  beforeAll(async () => {
    if (!existsSync(APP))
      throw new Error(`${APP} is missing: run 'make build' (or 'npm run build') first`);
    dir = mkdtempSync(join(tmpdir(), 'hirelearn-config-channel-'));
    documentsUrl = `sqlite://${join(dir, 'documents.sqlite')}`;
    app = spawn(process.execPath, [APP], {
      env: {
        ...process.env,
        HIRELEARN_REGISTRY_PORT: '0',
        HIRELEARN_DOCUMENTS: documentsUrl,
        HIRELEARN_ARTIFACTS: join(dir, 'artifacts'),
        HIRELEARN_CREDENTIALS: writeCredentials(join(dir, 'credentials.json'), [
          { identity: 'ops', role: 'ml-engineer', token: OPS },
          { identity: 'viewer', role: 'reader', token: READER },
        ]),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    address = await listeningAddress(app, 'registry');
    ops = new ConfigGrpcClient(address, as(OPS));
    anonymous = new ConfigGrpcClient(address, as(null));
  });

  afterAll(async () => {
    ops?.close();
    anonymous?.close();
    if (app && app.exitCode === null) {
      const exited = new Promise((res) => app.once('exit', res));
      app.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes a published version to a connected WatchConfig client within 1 s', async () => {
    const seen: { version: ConfigVersion; at: number }[] = [];
    const watch = anonymous.watchConfig(6, (version) => seen.push({ version, at: Date.now() }), {
      send_current: true,
    });
    try {
      await until(() => seen.length === 1);
      expect(seen[0].version).toMatchObject({ version: 0, published_by: 'defaults' });
      const sent = Date.now();
      const v1 = await ops.publish(6, weights(0.3, 0.3), {
        reason: 'learned weights',
        expected_version: 0,
      });
      await until(() => seen.length === 2, 1000);
      expect(seen[1].at - sent).toBeLessThan(1000);
      expect(seen[1].version).toEqual(v1);
      // The audit trail names the authenticated identity.
      expect(v1).toMatchObject({ version: 1, published_by: 'ops', reason: 'learned weights' });
    } finally {
      watch.close();
    }
  });

  it('sends a layer that read its config with GetConfig a version published before its WatchConfig', async () => {
    const read = await anonymous.getConfig(5);
    const v1 = await ops.publish(
      5,
      { ...read.config, follow_up_days: 5 },
      { reason: 'earlier follow-ups', expected_version: read.version },
    );
    const seen: ConfigVersion<5>[] = [];
    const watch = anonymous.watchConfig(5, (v) => seen.push(v), { after_version: read.version });
    try {
      await until(() => seen.length === 1, 1000);
      expect(seen[0]).toEqual(v1);
    } finally {
      watch.close();
    }
  });

  it('resolves concurrent publishes to one winner; the others are told the version they lost to', async () => {
    const at = (await anonymous.getConfig(6)).version;
    const results = await Promise.allSettled(
      [0.31, 0.32, 0.33, 0.34].map((t) =>
        ops.publish(6, weights(t, 0.6 - t), { reason: `race ${t}`, expected_version: at }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ name: 'ConflictError' });
      expect(String((r as PromiseRejectedResult).reason.message)).toContain(
        `expected version ${at} but version ${at + 1} (published by ops) is in force`,
      );
    }
  });

  it('refuses a config that breaks its schema naming the field, and a reader publishing', async () => {
    const at = (await anonymous.getConfig(6)).version;
    await expect(
      ops.publish(6, weights(0.5, 0.3), { reason: 'bad', expected_version: at }),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      message: expect.stringContaining(
        'FitWeightsConfig.weights: technical + seniority + experience + signal must sum to 1',
      ),
    });
    const reader = new ConfigGrpcClient(address, as(READER));
    try {
      await expect(
        reader.publish(6, weights(0.3, 0.3), { reason: 'mine', expected_version: at }),
      ).rejects.toMatchObject({ code: 'permission_denied' });
    } finally {
      reader.close();
    }
    expect((await anonymous.getConfig(6)).version).toBe(at);
  });

  it('decides recommendations by the rules; an approval reaches a watching layer', async () => {
    const documents = await openDocumentStore(documentsUrl);
    const store = new RecommendationStore(documents, new ConfigChannel({ documents }));
    const old = recommendation(2, 'mode_threshold', 60, 58);
    const newer = recommendation(2, 'mode_threshold', 60, 55);
    const other = recommendation(2, 'aggressive_threshold', 80, 85);
    // Its effect's run was erased (no attribution document left for run-0).
    const erased = recommendation(2, 'resume_edit_priority', [], ['add_metrics'], 'run-0');
    for (const r of [old, newer, other, erased]) await store.save(r, { run_id: 'run-1' });
    // The evidence the others cite: run-1's attribution, as the nightly stores it.
    await documents.collection('attribution_results').insert({ _id: 'run-1' });
    await documents.close();

    const seen: ConfigVersion<2>[] = [];
    const watch = anonymous.watchConfig(2, (v) => seen.push(v));
    try {
      await expect(ops.decide('0123456789abcdef', 'approve', 'x')).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringContaining('rule: only a stored recommendation can be decided'),
      });
      await expect(ops.decide(old.recommendation_id, 'approve', 'x')).rejects.toMatchObject({
        name: 'FailedPreconditionError',
        message: expect.stringContaining(`superseded by ${newer.recommendation_id}`),
      });
      const { recommendation: approved, published } = await ops.decide(
        newer.recommendation_id,
        'approve',
        'the RD evidence holds',
      );
      expect(approved).toMatchObject({
        status: 'approved',
        decision: {
          by: 'ops',
          reason: 'the RD evidence holds',
          published_version: 1,
          evidence: newer.evidence,
        },
      });
      expect(published).toMatchObject({
        layer: 2,
        version: 1,
        recommendation_id: newer.recommendation_id,
        config: { mode_threshold: 55 },
      });
      await until(() => seen.length === 1, 1000);
      expect(seen[0].config.mode_threshold).toBe(55);
      await expect(
        ops.decide(newer.recommendation_id, 'reject', 'changed my mind'),
      ).rejects.toMatchObject({
        name: 'FailedPreconditionError',
        message: expect.stringContaining('was already approved by ops at'),
      });
      const rejected = await ops.decide(other.recommendation_id, 'reject', 'effort too high');
      expect(rejected).toMatchObject({ published: null, recommendation: { status: 'rejected' } });
      await expect(ops.decide(erased.recommendation_id, 'approve', 'x')).rejects.toMatchObject({
        name: 'FailedPreconditionError',
        message: expect.stringContaining(
          'rule: a recommendation whose evidence a deletion request erased cannot be approved',
        ),
      });
      expect(
        (await anonymous.listRecommendations({ status: 'pending' })).map(
          (r) => r.recommendation_id,
        ),
      ).toEqual([erased.recommendation_id]);
      expect(
        (await anonymous.listRecommendations({ layer: 2 })).map((r) => r.status).sort(),
      ).toEqual(['approved', 'pending', 'rejected', 'superseded']);
    } finally {
      watch.close();
    }
  });

  it('rolls back over gRPC and from the CLI, audited; the stand-in layer 2 client follows live with its experiment override on top', async () => {
    const watcher = spawn(
      process.execPath,
      [
        CLI,
        'config',
        'watch',
        '2',
        '--registry',
        address,
        '--override',
        'aggressive_threshold=90',
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines = createInterface({ input: watcher.stdout! })[Symbol.asyncIterator]();
    const next = async () =>
      JSON.parse((await lines.next()).value as string) as ConfigVersion & {
        effective_config: (typeof DEFAULT_CONFIGS)[2];
      };
    try {
      const first = await next();
      expect(first).toMatchObject({
        version: 1,
        config: { mode_threshold: 55, aggressive_threshold: 80 },
        effective_config: { mode_threshold: 55, aggressive_threshold: 90 },
      });
      const back = await ops.rollback(2, { reason: 'interviews fell', expected_version: 1 });
      expect(back).toMatchObject({
        version: 2,
        rollback_of: 0,
        published_by: 'ops',
        config: DEFAULT_CONFIGS[2],
      });
      expect(await next()).toMatchObject({
        version: 2,
        effective_config: { mode_threshold: 60, aggressive_threshold: 90 },
      });

      const cli = runCli([
        'config',
        'rollback',
        '2',
        '--who',
        'ada',
        '--why',
        'the threshold was right',
        '--documents',
        documentsUrl,
      ]);
      expect(cli.stderr).toBe('');
      expect(cli.stdout).toContain('layer 2 is at version 3 (the config of version 1)');
      expect(await next()).toMatchObject({
        version: 3,
        published_by: 'ada',
        rollback_of: 1,
        effective_config: { mode_threshold: 55 },
      });
      const history = cliJson<ConfigVersion[]>([
        'config',
        'history',
        '2',
        '--documents',
        documentsUrl,
      ]);
      expect(history.map((v) => [v.version, v.published_by, v.rollback_of])).toEqual([
        [0, 'defaults', null],
        [1, 'ops', null],
        [2, 'ops', 0],
        [3, 'ada', 1],
      ]);
    } finally {
      watcher.kill('SIGTERM');
    }
  });

  it('refuses CLI decisions by the same rules, naming the rule', () => {
    /** `recommendations approve <id>` as ada. */
    const approve = (id: string) =>
      runCli([
        'recommendations',
        'approve',
        id,
        '--who',
        'ada',
        '--why',
        'x',
        '--documents',
        documentsUrl,
      ]);
    const r = approve('ffffffffffffffff');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "no recommendation 'ffffffffffffffff' (rule: only a stored recommendation can be decided",
    );
    const [pending] = cliJson<{ recommendation_id: string }[]>([
      'recommendations',
      'list',
      '--status',
      'pending',
      '--documents',
      documentsUrl,
    ]);
    const erased = approve(pending.recommendation_id);
    expect(erased.code).toBe(1);
    expect(erased.stderr).toContain(
      `recommendation ${pending.recommendation_id} rests on erased evidence (causal_effect run-0/resume_edit_priority/iv: no longer in attribution_results (erased))`,
    );
    const list = cliJson<{ status: string }[]>([
      'recommendations',
      'list',
      '--status',
      'approved',
      '--documents',
      documentsUrl,
    ]);
    expect(list).toHaveLength(1);
  });
});
