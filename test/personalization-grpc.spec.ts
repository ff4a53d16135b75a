/**
 * GetPersonalizedConfig over gRPC on loopback, served by the registry service beside
 * hirelearn.v1.Config: a simulated world's configurations computed and published, then read
 * as a layer reads them — the user's parameters over the configuration in force — with the
 * refusals a caller gets for a bad, unknown or erased user.
 */
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigChannel, planningConfigSchema, fitWeightsConfigSchema } from '@hirelearn/config';
import {
  personalizeAll,
  publishPersonalizedConfigs,
  USER_RULE,
  type PersonalizedConfig,
} from '@hirelearn/personalize';
import * as pb from '@hirelearn/proto';
import { serverSecuritySettings, type RunningService } from '@hirelearn/rpc';
import { registryServiceSettings, serveRegistry } from '@hirelearn/registry';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { openDocumentStore } from '@hirelearn/store';
import { readIngested } from '../libs/attribution/src/testing/ingested';
import { rpc } from './support/grpc';

const BASE_WEIGHTS = { technical: 0.4, seniority: 0.2, experience: 0.2, signal: 0.2 };

describe('GetPersonalizedConfig over gRPC (registry service, loopback)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'personalization-grpc-'));
  const documentsUrl = `sqlite://${join(dir, 'documents.sqlite')}`;
  let configs: readonly PersonalizedConfig[];
  let server: RunningService;
  let client: pb.PersonalizationClient;
  const get = (user_id: string) =>
    rpc<pb.GetPersonalizedConfigResponse>(client, 'getPersonalizedConfig', { user_id }).then(
      (r) => r.config as pb.PersonalizedConfig,
    );
  const refusal = (user_id: string) =>
    get(user_id).then(
      () => {
        throw new Error(`${user_id} was not refused`);
      },
      (e: ServiceError) => e,
    );

  beforeAll(async () => {
    const world = simulateWorld(defaultSimSettings({ users: 150, months: 4, seed: 11 }));
    configs = await readIngested(world, (store) =>
      personalizeAll(store, { base_weights: BASE_WEIGHTS }),
    );
    const documents = await openDocumentStore(documentsUrl);
    try {
      const out = await publishPersonalizedConfigs(documents, configs, {
        by: 'nightly',
        reason: 'test',
        run_id: 'run-test',
        at: new Date('2026-12-01T02:00:00Z'),
      });
      expect(out).toEqual({ published: configs.length, conflicts: [] });
    } finally {
      await documents.close();
    }
    server = await serveRegistry(
      registryServiceSettings(
        {},
        {
          documentsUrl: documentsUrl,
          artifactsDir: join(dir, 'artifacts'),
          host: '127.0.0.1',
          port: 0,
          security: serverSecuritySettings({}, { tokenFile: join(dir, 'token') }),
        },
      ),
    );
    client = new pb.PersonalizationClient(server.address, credentials.createInsecure());
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await server?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves a user's parameters over layers 5 and 6 in force, each with its evidence", async () => {
    const mine = configs.find((c) => c.basis === 'personal') as PersonalizedConfig;
    const c = await get(mine.user_id);
    expect(c.basis).toBe('personal');
    expect(c.version).toBe(1);
    expect(c.published_by).toBe('nightly');
    expect(c.run_id).toBe('run-test');
    const planning = planningConfigSchema.parse(JSON.parse(c.planning_config_json));
    const fit = fitWeightsConfigSchema.parse(JSON.parse(c.fit_weights_config_json));
    expect(planning.applications_per_week).toBe(mine.overrides['5'][0].value);
    expect(fit.weights).toEqual(mine.overrides['6'][0].value);
    expect(c.planning_base_version).toBe(0);
    expect(JSON.parse(c.planner_json)).toEqual(mine.planner);
    expect(c.parameters.map((p) => p.parameter)).toEqual(mine.parameters.map((p) => p.parameter));
    for (const p of c.parameters) {
      expect(p.evidence?.source).toMatch(/^(own_and_segment|own_and_causal|segment|causal)$/);
      expect(p.evidence?.shrinkage_weight).toBeGreaterThanOrEqual(0);
    }
  });

  it('applies a base published later under the same personal parameters', async () => {
    const mine = configs.find((c) => c.basis === 'personal') as PersonalizedConfig;
    const documents = await openDocumentStore(documentsUrl);
    try {
      const channel = new ConfigChannel({ documents });
      const base = await channel.current(5);
      await channel.publish(
        5,
        { ...base.config, submission_days: ['tue', 'wed'] },
        { by: 'ops', reason: 'test', expected_version: base.version },
      );
      channel.close();
    } finally {
      await documents.close();
    }
    const c = await get(mine.user_id);
    const planning = JSON.parse(c.planning_config_json);
    expect(planning.submission_days).toEqual(['tue', 'wed']);
    expect(planning.applications_per_week).toBe(mine.overrides['5'][0].value);
    expect(c.planning_base_version).toBe(1);
  });

  it("gives an opted-out user the segment's configuration and says so", async () => {
    const out = configs.find((c) => c.opt_out !== null) as PersonalizedConfig;
    const c = await get(out.user_id);
    expect(c.basis).toBe('segment');
    expect(c.basis_reason).toMatch(/opted out of personalization|withholds consent/);
    expect(c.parameters.every((p) => p.evidence?.shrinkage_weight === 0)).toBe(true);
  });

  it('refuses an unknown user (NOT_FOUND naming the rule) and a bad user id (INVALID_ARGUMENT)', async () => {
    const unknown = await refusal('user-nobody');
    expect(unknown.code).toBe(status.NOT_FOUND);
    expect(unknown.details).toContain(USER_RULE);
    const empty = await refusal('');
    expect(empty.code).toBe(status.INVALID_ARGUMENT);
    expect(empty.details).toMatch(/^user_id: .*1-128 characters/);
    expect((await refusal('u'.repeat(129))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('refuses an erased user: their document goes with them', async () => {
    const gone = configs.find(
      (c) => c.basis === 'personal' && c !== configs[0],
    ) as PersonalizedConfig;
    await expect(get(gone.user_id)).resolves.toBeDefined();
    const documents = await openDocumentStore(documentsUrl);
    try {
      expect(await documents.eraseUser(gone.user_id)).toBeGreaterThanOrEqual(1);
    } finally {
      await documents.close();
    }
    const e = await refusal(gone.user_id);
    expect(e.code).toBe(status.NOT_FOUND);
    expect(e.details).toMatch(/unknown, erased/);
  });
});
