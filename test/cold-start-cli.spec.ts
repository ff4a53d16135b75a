import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { credentials, type ServiceError } from '@grpc/grpc-js';
import type { OutcomeAttribution } from '@hirelearn/attribution';
import { ingest } from '@hirelearn/ingest';
import { serializeColdStart, trainColdStart } from '@hirelearn/ml';
import { saveAttribution } from '@hirelearn/nightly';
import * as pb from '@hirelearn/proto';
import { Registry } from '@hirelearn/registry';
import { loadableArtifact } from '@hirelearn/services';
import { loadColdStartUsers } from '@hirelearn/training';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { listeningAddress, requireBuiltCli, runCli, startCli } from './support/cli';

/**
 * `hirelearn cold-start` and `hirelearn serve cold-start-embedder` on the built CLI, with a
 * cold-start model trained on a small simulated world and promoted in the registry.
 */

interface Answer {
  user_id: string;
  insights: {
    expected_interview_rate: {
      estimate: number;
      interval: [number, number];
      prediction_interval: [number, number];
    };
    source: string;
    missing_fields: string[];
    first_edits: { edit_type: string; evidence: string }[];
  };
  next_question: { field: string | null; stop: boolean; interval_width: number };
}

describe('hirelearn cold-start', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let events: string;
  let lines: string[];
  let users: string[];

  beforeAll(async () => {
    requireBuiltCli();
    dir = mkdtempSync(path.join(tmpdir(), 'hl-cold-start-cli-'));
    env = {
      HIRELEARN_DOCUMENTS: `sqlite://${path.join(dir, 'docs.sqlite')}`,
      HIRELEARN_ARTIFACTS: path.join(dir, 'artifacts'),
    };
    const world = simulateWorld(defaultSimSettings({ users: 200, months: 6, seed: 3 }));
    const file = path.join(dir, 'world.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    const store = await EventStore.open('duckdb::memory:');
    let trained: string[];
    let artifact: string;
    try {
      await ingest(store, [file]);
      const loaded = await loadColdStartUsers(store);
      trained = loaded.users.map((u) => u.user_id);
      const run = await trainColdStart(loaded.users, { epochs: 20 }, 1);
      if (run.status !== 'ok') throw new Error(run.reason);
      artifact = serializeColdStart(run.model.toArtifact());
    } finally {
      await store.close();
    }
    const documents = await openDocumentStore(env.HIRELEARN_DOCUMENTS!);
    try {
      const registry = await Registry.open({
        documents,
        artifactsDir: env.HIRELEARN_ARTIFACTS,
        checkArtifact: loadableArtifact,
      });
      await registry.register({
        model: 'cold-start',
        content: Buffer.from(artifact),
        format: 'json_params',
        metrics: {},
        training_data_window: { start: '2026-01-01T00:00:00Z', end: '2026-07-01T00:00:00Z' },
        seed: 1,
        code_version: 'test',
        settings_hash: 'test',
        registered_by: 'test',
      });
      await registry.promote('cold-start', 1, { by: 'test', reason: 'serve it' });
      registry.close();
      // What the nightly's attribution stored: numbers in bullets help, graded HIGH.
      await saveAttribution(documents, 'run-1', {
        generated_at: '2026-07-01T00:00:00Z',
        status: 'ok',
        effects: [
          {
            treatment: 'added_metrics_to_bullets',
            ate: 0.06,
            confidence_interval: [0.03, 0.09],
            causal_confidence: 'HIGH',
            method: 'difference_in_differences',
            sample_size: 400,
          },
        ],
      } as unknown as OutcomeAttribution);
    } finally {
      await documents.close();
    }
    // Two users the model never saw, as a file of their day-one events (and other events).
    const dayOne = world.lines.filter((l) => /USER_PROFILE_UPDATED|RESUME_SNAPSHOT/.test(l));
    const ids = [...new Set(dayOne.map((l) => (JSON.parse(l) as { user_id: string }).user_id))];
    users = ids.filter((id) => !trained.includes(id)).slice(0, 2);
    lines = world.lines.filter((l) => users.some((u) => l.includes(`"${u}"`)));
    events = path.join(dir, 'new-users.ndjson');
    writeFileSync(events, lines.join('\n'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const coldStart = (args: string[]) => runCli(['cold-start', '--events', events, ...args], env);

  it('prints each new user their day-one insights and the next question (--json)', () => {
    const r = coldStart(['--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Answer[];
    expect(out.map((a) => a.user_id)).toEqual(users);
    for (const a of out) {
      const rate = a.insights.expected_interview_rate;
      expect(rate.interval[0]).toBeLessThanOrEqual(rate.estimate);
      expect(rate.interval[1]).toBeGreaterThanOrEqual(rate.estimate);
      expect(rate.prediction_interval).toHaveLength(2);
      expect(typeof a.next_question.stop).toBe('boolean');
    }
    const text = coldStart([]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${users[0]} (cold-start v1)`);
    expect(text.stdout).toMatch(/expected interview rate +\d+\.\d%/);
    expect(text.stdout).toMatch(/next question /);
  });

  it('takes the answers to the questions it asks, each updating the insights', () => {
    const only = ['--user', users[0], '--json'];
    // Without the profile, the profile's fields are the questions.
    writeFileSync(
      events,
      lines.filter((l) => l.includes(users[0]) && l.includes('RESUME_SNAPSHOT')).join('\n'),
    );
    try {
      const first = (JSON.parse(coldStart(only).stdout) as Answer[])[0];
      const field = first.next_question.field!;
      expect(first.insights.missing_fields).toContain(field);
      const profile = lines
        .map((l) => JSON.parse(l) as { event_type: string; profile?: Record<string, unknown> })
        .find((e) => e.event_type === 'USER_PROFILE_UPDATED' && e.profile)!.profile!;
      const value = profile[field];
      const asText = Array.isArray(value) ? value.join(',') : String(value);
      const r = coldStart([...only, '--answer', `${field}=${asText}`]);
      expect(r.stderr).toBe('');
      const second = (JSON.parse(r.stdout) as Answer[])[0];
      expect(second.insights.missing_fields).not.toContain(field);
      expect(second.next_question.field).not.toBe(field);
    } finally {
      writeFileSync(events, lines.join('\n'));
    }
  });

  it('advises the first edits from the newest stored attribution', () => {
    const r = coldStart(['--user', users[0], '--answer', 'bullet_metric_share=0.1', '--json']);
    expect(r.stderr).toBe('');
    const [a] = JSON.parse(r.stdout) as Answer[];
    expect(a.insights.first_edits.map((e) => e.edit_type)).toEqual(['added_metrics_to_bullets']);
    expect(a.insights.first_edits[0].evidence).toMatch(/attribution: \+6\.0 points \[3\.0, 9\.0\]/);
  });

  it('refuses an event the contract refuses and a bad answer, naming the field and the rule', () => {
    const bad = lines.map((l) =>
      l.includes('USER_PROFILE_UPDATED')
        ? l.replace(/"seniority":"[a-z]+"/, '"seniority":"wizard"')
        : l,
    );
    const file = path.join(dir, 'bad.ndjson');
    writeFileSync(file, bad.join('\n'));
    const r = runCli(['cold-start', '--events', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.ndjson:\d+: profile\.seniority: /);
    const answer = coldStart(['--answer', 'seniority=wizard']);
    expect(answer.code).toBe(1);
    expect(answer.stderr).toMatch(/answers\[0\]: seniority must be one of intern/);
    const unknown = coldStart(['--answer', 'colour=blue']);
    expect(unknown.stderr).toMatch(
      /--answer: 'colour=blue' is not FIELD=VALUE with a day-one field/,
    );
  });

  it('gives a user who opted out of personalization segment-level figures only', () => {
    const file = path.join(dir, 'opted-out.ndjson');
    const optOut = JSON.stringify({
      event_id: 'opt-out-1',
      event_type: 'USER_OPTED_OUT',
      user_id: users[0],
      timestamp: '2026-01-02T00:00:00Z',
      scope: 'personalization',
    });
    writeFileSync(file, [...lines, optOut].join('\n'));
    const r = runCli(['cold-start', '--events', file, '--user', users[0], '--json'], env);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as Answer[])[0].insights.source).toBe('segment');
  });

  it('says how to get a model when none is in production', () => {
    const r = runCli(['cold-start', '--events', events], {
      HIRELEARN_DOCUMENTS: `sqlite://${path.join(dir, 'empty.sqlite')}`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no production version of cold-start/);
    expect(r.stderr).toMatch(/hirelearn models train cold-start/);
  });

  it('serves it: hirelearn serve cold-start-embedder answers Insights over gRPC', async () => {
    const service = startCli(['serve', 'cold-start-embedder', '--port', '0'], env);
    const exited = new Promise((resolve) => service.on('exit', resolve));
    try {
      const address = await listeningAddress(service, 'cold-start-embedder');
      const client = new pb.ColdStartClient(address, credentials.createInsecure());
      const r = await new Promise<pb.InsightsResponse>((resolve, reject) =>
        client.insights({ user: { user_id: 'u-new', answers: [] } }, (e: ServiceError | null, v) =>
          e ? reject(e) : resolve(v),
        ),
      );
      client.close();
      expect(r).toMatchObject({ model_name: 'cold-start', model_version: 1 });
      expect(r.insights?.missing_fields.length).toBeGreaterThan(10);
    } finally {
      service.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
