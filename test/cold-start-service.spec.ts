import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { credentials, type ServiceError } from '@grpc/grpc-js';
import {
  coldStartInsights,
  ColdStartModel,
  serializeColdStart,
  trainColdStart,
  type ColdStartArtifact,
} from '@hirelearn/ml';
import * as pb from '@hirelearn/proto';
import type { RunningService } from '@hirelearn/rpc';
import { Registry, startRegistryServer } from '@hirelearn/registry';
import {
  dayOneOfRequest,
  loadableArtifact,
  newUsersFromEvents,
  PREDICTIONS_COLLECTION,
  serveColdStartEmbedder,
  type PredictionRecord,
} from '@hirelearn/services';
import { loadColdStartUsers } from '@hirelearn/training';
import {
  MODEL_HEALTH_COLLECTION,
  monitorSettings,
  registryTarget,
  runMonitor,
  type ModelHealth,
} from '@hirelearn/monitoring';
import { defaultSimSettings, simulateWorld, type SimWorld } from '@hirelearn/sim';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { readIngested } from '../libs/attribution/src/testing/ingested';
import { keepCalling } from './support/keep-calling';
import { specServiceSettings } from './support/model-services';

/**
 * The cold-start embedder on loopback, called over gRPC: a new user's day-one insights as
 * the model gives them in process, questions and answers, aggregates without ids, bad input
 * refused with the field and the rule, a promotion switched to while a client keeps calling,
 * and every prediction in the log.
 */

type Callback = (e: ServiceError | null, r: unknown) => void;
/** One unary call by method name, typed by its response (the generated methods are overloaded). */
function rpc<Res>(client: object, method: string, req: unknown): Promise<Res> {
  const fn = (client as Record<string, (req: unknown, cb: Callback) => unknown>)[method];
  return new Promise((resolve, reject) =>
    fn.call(client, req, (e, r) => (e ? reject(e) : resolve(r as Res))),
  );
}

const who = { by: 'test', reason: 'cross-app test' };

/** An attribution effect as the nightly stores it: numbers in bullets help, graded HIGH. */
const METRICS_EFFECT = {
  treatment: 'added_metrics_to_bullets',
  ate: 0.06,
  confidence_interval: [0.03, 0.09] as [number, number],
  causal_confidence: 'HIGH',
  method: 'difference_in_differences',
  sample_size: 400,
};

describe('the cold-start embedder over gRPC', () => {
  let dir: string;
  let registryDocs: DocumentStore;
  let registry: Registry;
  let registryServer: RunningService;
  let service: RunningService | null;
  let client: pb.ColdStartClient;
  let inference: pb.GRPCInferenceServiceClient;
  let artifacts: ColdStartArtifact[];
  let trainingIds: string[];
  /** A simulated user's profile and first resume, as a new user would send them. */
  let newUser: pb.NewUser;
  let documentsUrl: string;
  /** How many times the service read the edit effects. */
  let effectReads = 0;
  let world: SimWorld;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-cold-start-'));
    world = simulateWorld(defaultSimSettings({ users: 200, months: 6, seed: 3 }));
    await readIngested(world, async (store) => {
      const { users } = await loadColdStartUsers(store);
      trainingIds = users.map((u) => u.user_id);
      artifacts = [];
      for (const seed of [1, 2]) {
        const run = await trainColdStart(users, { epochs: 20 }, seed);
        if (run.status !== 'ok') throw new Error(`training failed: ${run.reason}`);
        artifacts.push(run.model.toArtifact());
      }
    });
    // A user the model never saw: day-one events of one who is not established.
    const dayOne = world.lines.filter((l) => /USER_PROFILE_UPDATED|RESUME_SNAPSHOT/.test(l));
    const someone = dayOne
      .map((l) => (JSON.parse(l) as { user_id: string }).user_id)
      .find((id) => !trainingIds.includes(id));
    const read = newUsersFromEvents(dayOne.filter((l) => l.includes(`"${someone}"`)));
    if (read.status !== 'ok') throw new Error('the simulator wrote an invalid day-one event');
    newUser = read.users[0];

    registryDocs = await openDocumentStore(`sqlite://${path.join(dir, 'registry.sqlite')}`);
    registry = await Registry.open({
      documents: registryDocs,
      artifactsDir: path.join(dir, 'artifacts'),
      settings: { watch_poll_ms: 50 },
      checkArtifact: loadableArtifact,
    });
    for (const [i, a] of artifacts.entries()) {
      await registry.register({
        model: 'cold-start',
        content: Buffer.from(serializeColdStart(a)),
        format: 'json_params',
        metrics: { brier: a.metrics.brier },
        training_data_window: { start: '2026-01-01T00:00:00Z', end: '2026-07-01T00:00:00Z' },
        seed: i + 1,
        code_version: 'test',
        settings_hash: 'test',
        registered_by: 'test',
      });
    }
    await registry.promote('cold-start', 1, who);
    registryServer = await startRegistryServer(registry);
    documentsUrl = `sqlite://${path.join(dir, 'services.sqlite')}`;
    service = await serveColdStartEmbedder(
      // The prediction log is written on the stop (the last test reads it then).
      specServiceSettings(dir, registryServer.address, documentsUrl),
      async () => {
        effectReads += 1;
        return [METRICS_EFFECT];
      },
    );
    client = new pb.ColdStartClient(service.address, credentials.createInsecure());
    inference = new pb.GRPCInferenceServiceClient(service.address, credentials.createInsecure());
  }, 120_000);

  afterAll(async () => {
    client?.close();
    inference?.close();
    await service?.shutdown();
    await registryServer?.shutdown();
    await registryDocs?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insights = (user: pb.NewUser) => rpc<pb.InsightsResponse>(client, 'insights', { user });

  it('answers Insights over gRPC as the model does in process', async () => {
    const r = await insights(newUser);
    expect([r.model_name, r.model_version]).toEqual(['cold-start', 1]);
    const local = coldStartInsights(
      ColdStartModel.fromArtifact(artifacts[0]),
      dayOneOfRequest(newUser).day_one.features,
    );
    const rate = r.insights?.expected_interview_rate;
    expect(rate?.estimate).toBeCloseTo(local.expected_interview_rate.estimate, 12);
    expect([rate?.interval?.low, rate?.interval?.high]).toEqual([
      ...local.expected_interview_rate.interval,
    ]);
    expect([rate?.prediction_interval?.low, rate?.prediction_interval?.high]).toEqual([
      ...local.expected_interview_rate.prediction_interval,
    ]);
    expect(rate?.horizon).toBe(20);
    expect(r.insights?.source).toBe(local.source);
    expect(r.insights?.confidence).toMatch(/^(HIGH|MEDIUM|LOW)$/);
  });

  it('answers a profile with missing fields with the fields listed and its interval, never an error', async () => {
    const model = ColdStartModel.fromArtifact(artifacts[0]);
    const full = await insights(newUser);
    const resumeOnly = await insights({ ...newUser, profile: undefined });
    expect(resumeOnly.insights?.missing_fields).toEqual(
      expect.arrayContaining(['years_experience', 'seniority', 'education_level']),
    );
    expect(full.insights?.missing_fields).not.toContain('years_experience');
    // The interval is the model's for what is known (the model's spec checks it widens).
    const local = coldStartInsights(
      model,
      dayOneOfRequest({ ...newUser, profile: undefined }).day_one.features,
    );
    const rate = resumeOnly.insights?.expected_interview_rate;
    expect([rate?.interval?.low, rate?.interval?.high]).toEqual([
      ...local.expected_interview_rate.interval,
    ]);
    // Nothing known at all is still an answer (the segment of everyone), never an error.
    const nothing = await insights({ user_id: 'u-nothing', answers: [] });
    expect(nothing.insights?.missing_fields.length).toBeGreaterThan(10);
    expect(nothing.insights?.segment).toBe('all');
  });

  it('advises the first edits from the stored attribution that this resume has room for', async () => {
    const few = { field: 'bullet_metric_share', value: { $case: 'number' as const, number: 0.1 } };
    const many = { ...few, value: { $case: 'number' as const, number: 0.9 } };
    const low = await insights({ ...newUser, answers: [few] });
    expect(low.insights?.first_edits.map((e) => e.edit_type)).toEqual(['added_metrics_to_bullets']);
    expect(low.insights?.first_edits[0]).toMatchObject({
      effect: 0.06,
      confidence_interval: { low: 0.03, high: 0.09 },
      causal_confidence: 'HIGH',
      sample_size: 400,
    });
    expect(low.insights?.first_edits[0].evidence).toMatch(/10% of your bullets state a number/);
    const high = await insights({ ...newUser, answers: [many] });
    expect(high.insights?.first_edits).toEqual([]);
  });

  it('gives a user who opted out of personalization segment-level figures only', async () => {
    const r = await insights({ ...newUser, personalization: false });
    expect(r.insights).toMatchObject({ source: 'segment', peers_used: 0 });
    expect(r.insights?.fallback_reason).toMatch(/personalization/);
  });

  it('asks the question that narrows the interval most, and each answer updates the insights', async () => {
    const start = { ...newUser, profile: undefined };
    const first = await rpc<pb.NextQuestionResponse>(client, 'nextQuestion', { user: start });
    const q1 = first.question;
    expect(q1?.stop).toBe(false);
    expect(first.insights?.missing_fields).toContain(q1?.field);
    expect(q1?.candidates[0]).toMatchObject({ field: q1?.field });
    expect(q1?.expected_gain).toBeGreaterThan(0);
    // Answer it with the user's own profile value.
    const answer = (field: string): pb.QuestionAnswer => {
      const p = newUser.profile as unknown as Record<string, unknown>;
      const v = p[field];
      return {
        field,
        value: Array.isArray(v)
          ? { $case: 'list', list: { values: v as string[] } }
          : typeof v === 'number'
            ? { $case: 'number', number: v }
            : { $case: 'text', text: String(v) },
      };
    };
    const second = await rpc<pb.NextQuestionResponse>(client, 'nextQuestion', {
      user: { ...start, answers: [answer(q1!.field)] },
    });
    expect(second.insights?.missing_fields).not.toContain(q1?.field);
    expect(second.question?.field).not.toBe(q1?.field);
    expect(second.question?.interval_width).not.toBe(q1?.interval_width);
  });

  it('describes similar users in aggregate only: no id, no figure over fewer than k users', async () => {
    const r = await rpc<pb.SimilarUsersResponse>(client, 'similarUsers', { user: newUser });
    const text = JSON.stringify(r);
    expect(trainingIds.filter((id) => text.includes(id))).toEqual([]);
    for (const c of [...r.roles, ...r.seniority, ...r.company_stages]) {
      expect(c.users).toBeGreaterThanOrEqual(r.k_anonymity);
    }
    expect(r.k_anonymity).toBeGreaterThanOrEqual(10);
    const e = await rpc<pb.EmbedResponse>(client, 'embed', { user: newUser });
    expect(e.embedding).toHaveLength(artifacts[0].embedding_dim);
  });

  it.each([
    [{ user_id: '' }, 'user.user_id: must be 1-128 characters'],
    [null, 'user: required'],
    ['profile.seniority', /^user\.profile\.seniority: must be one of intern, junior/],
    ['profile.years_experience', /^user\.profile\.years_experience: 99 must be a number in 0-60/],
    ['resume.start', /^user\.resume\.roles\[0\]\.start: must be YYYY-MM/],
    ['answer.field', /^user\.answers\[0\]\.field: "favourite_colour" is not a day-one field/],
    ['answer.kind', /^user\.answers\[0\]\.number: page_count is answered with a number/],
  ])('refuses %s with INVALID_ARGUMENT naming the field and the rule', async (bad, message) => {
    const base = newUser;
    const user =
      bad === null
        ? undefined
        : typeof bad === 'object'
          ? { ...bad, answers: [] }
          : bad === 'profile.seniority'
            ? { ...base, profile: { ...base.profile!, seniority: 'wizard' } }
            : bad === 'profile.years_experience'
              ? { ...base, profile: { ...base.profile!, years_experience: 99 } }
              : bad === 'resume.start'
                ? {
                    ...base,
                    resume: {
                      ...base.resume!,
                      roles: [{ title: 't', company: 'c', start: '2020-13', end: '', bullets: [] }],
                    },
                  }
                : bad === 'answer.field'
                  ? { ...base, answers: [{ field: 'favourite_colour', value: undefined }] }
                  : {
                      ...base,
                      answers: [
                        { field: 'page_count', value: { $case: 'text' as const, text: 'two' } },
                      ],
                    };
    await expect(insights(user as pb.NewUser)).rejects.toMatchObject({
      code: 3,
      details: expect.stringMatching(message),
    });
  });

  it('refuses to register a cold-start artifact the service could not load', async () => {
    const junk = { ...artifacts[0], format: 'hirelearn.ensemble/v1' };
    await expect(
      registry.register({
        model: 'cold-start',
        content: Buffer.from(JSON.stringify(junk)),
        format: 'json_params',
        metrics: {},
        training_data_window: { start: '2026-01-01T00:00:00Z', end: '2026-07-01T00:00:00Z' },
        seed: 9,
        code_version: 'test',
        settings_hash: 'test',
        registered_by: 'test',
      }),
    ).rejects.toThrow(/not a cold-start artifact/);
  });

  it('answers the inference protocol: ready, its tensors, ModelInfer as Insights', async () => {
    const ready = await rpc<pb.ModelReadyResponse>(inference, 'modelReady', {
      name: 'cold-start',
      version: '',
    });
    expect(ready.ready).toBe(true);
    const meta = await rpc<pb.ModelMetadataResponse>(inference, 'modelMetadata', {
      name: 'cold-start',
      version: '',
    });
    expect(meta.inputs.map((t) => t.name)).toEqual(
      expect.arrayContaining(['years_experience', 'seniority', 'page_count', 'user_id']),
    );
    const p = newUser.profile!;
    const r = await rpc<pb.ModelInferResponse>(
      inference,
      'modelInfer',
      pb.ModelInferRequest.fromPartial({
        model_name: 'cold-start',
        inputs: [
          {
            name: 'years_experience',
            datatype: 'FP64',
            shape: [1],
            contents: { fp64_contents: [p.years_experience ?? NaN] },
          },
          {
            name: 'seniority',
            datatype: 'BYTES',
            shape: [1],
            contents: { bytes_contents: [Buffer.from(p.seniority)] },
          },
        ],
      }),
    );
    const byInsights = await insights({
      user_id: 'u-infer',
      profile: pb.DayOneProfile.fromPartial({
        years_experience: p.years_experience,
        seniority: p.seniority,
      }),
      answers: [],
    });
    expect(r.outputs[0].contents?.fp64_contents[0]).toBeCloseTo(
      byInsights.insights!.expected_interview_rate!.estimate,
      12,
    );
  });

  it('switches to a promoted version without a failed call, and logs every prediction', async () => {
    const calls = keepCalling(
      async () => (await insights({ ...newUser, user_id: 'u-switch' })).model_version,
    );
    const { seen } = calls;
    await calls.until(1);
    await registry.promote('cold-start', 2, who);
    await calls.until(2);
    // The new version is served with the effects read again.
    expect(effectReads).toBeGreaterThanOrEqual(2);
    await calls.stop();
    expect(calls.failures).toBe(0);
    expect(seen.filter((v, i) => i > 0 && v !== seen[i - 1])).toEqual([2]);

    // A graceful stop writes every buffered prediction.
    await service!.shutdown();
    service = null;
    const docs = await openDocumentStore(documentsUrl);
    try {
      const logged = (
        await docs
          .collection<PredictionRecord>(PREDICTIONS_COLLECTION)
          .find({ user_id: 'u-switch' })
      ).sort((a, b) => a._id.localeCompare(b._id));
      expect(logged).toHaveLength(seen.length);
      expect(logged.map((l) => l.version)).toEqual(seen);
      expect(logged[0]).toMatchObject({ model: 'cold-start', application_id: '', horizon: 20 });
      expect(logged[0].inputs_hash).toMatch(/^[0-9a-f]{64}$/);
      // ModelInfer's row without a user id is logged as no user (no invented id).
      const anonymous = await docs
        .collection<PredictionRecord>(PREDICTIONS_COLLECTION)
        .find({ model: 'cold-start', user_id: '' });
      expect(anonymous).toHaveLength(1);
      const [low, high] = logged[0].prediction_interval!;
      expect(low).toBeLessThanOrEqual(logged[0].probability);
      expect(high).toBeGreaterThanOrEqual(logged[0].probability);
    } finally {
      await docs.close();
    }
  });

  it("has the drift monitor score the logged day-one predictions on the users' first applications", async () => {
    // The simulated users ask for their day-one insights (the production version, 2), and the
    // stop writes the log; their applications' outcomes are in the ingested world.
    const running = await serveColdStartEmbedder(
      specServiceSettings(dir, registryServer.address, documentsUrl),
    );
    const dayOne = world.lines.filter((l) => /USER_PROFILE_UPDATED|RESUME_SNAPSHOT/.test(l));
    const read = newUsersFromEvents(dayOne);
    if (read.status !== 'ok') throw new Error('the simulator wrote an invalid day-one event');
    const again = new pb.ColdStartClient(running.address, credentials.createInsecure());
    try {
      for (const user of read.users) {
        expect((await rpc<pb.InsightsResponse>(again, 'insights', { user })).model_version).toBe(2);
      }
    } finally {
      again.close();
      await running.shutdown();
    }
    const docs = await openDocumentStore(documentsUrl);
    try {
      const run = await readIngested(world, (store) =>
        runMonitor(
          { events: store, documents: docs, registry: registryTarget(registry) },
          monitorSettings({ window_days: 365, step_days: 365 }),
        ),
      );
      expect(run.versions).toContainEqual(
        expect.objectContaining({ model: 'cold-start', version: 2, windows: 1 }),
      );
      const [health] = await docs
        .collection<ModelHealth>(MODEL_HEALTH_COLLECTION)
        .find({ model: 'cold-start' });
      // Each user's prediction is scored on up to 20 first applications with an outcome.
      expect(health.status).toBe('ok');
      expect(health.n_labelled).toBeGreaterThan(10 * read.users.length);
      expect(health.n_labelled).toBeLessThanOrEqual(20 * read.users.length);
      expect(health.ece).toBeLessThan(monitorSettings().ece_critical);
      expect(Math.abs(health.mean_predicted! - health.positive_rate!)).toBeLessThan(0.05);
      expect(health.brier).toBeGreaterThan(0);
      expect(health.auc).toBeGreaterThan(0.5);
    } finally {
      await docs.close();
    }
  });
});
