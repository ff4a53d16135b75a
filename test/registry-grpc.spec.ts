/**
 * The registry app started as its own process on loopback, called over gRPC: register,
 * promote, rollback; concurrent promotions; Watch; a corrupted artifact; the CLI writing to
 * the same store while the server watches it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  RegistryGrpcClient,
  sha256Hex,
  type RegisterVersionInput,
  type WatchEvent,
} from '@hirelearn/registry';
import { clientSecuritySettings } from '@hirelearn/rpc';
import { CLI, listeningAddress, runCli } from './support/cli';
import { writeCredentials } from './support/credentials';
import { until } from './support/until';

/** Tokens of the two principals of the server's credentials file (stored there as sha256). */
const TRAINER = 'trainer-token-0123456789abcdef0123456789';
const OPS = 'ops-token-0123456789abcdef0123456789abcd';
const as = (token: string) => ({
  deadline_ms: 10_000,
  security: clientSecuritySettings({}, { token, tokenFile: null }),
});

const APP = resolve(__dirname, '../dist/apps/registry/main.js');

/**
 * A version of a model no hirelearn service serves, so the registry app checks its artifact
 * by format only: JSON parameters must parse (the ensemble's and the fit weights' go through
 * their services' loaders: test/serving-hardening.spec.ts).
 */
const input = (text: string): RegisterVersionInput => ({
  model: 'scorer',
  content: Buffer.from(JSON.stringify(text)),
  format: 'json_params',
  metrics: { log_loss: 0.51 },
  training_data_window: { start: '2026-01-01T00:00:00Z', end: '2026-06-30T00:00:00Z' },
  seed: 42,
  code_version: 'deadbeef',
  settings_hash: 'cafe',
  registered_by: 'trainer',
});
const by = (reason: string) => ({ by: 'ops', reason });

/** Starts the built registry app (or `args` of a built script) on a free port; resolves with its address. */
function startApp(
  env: NodeJS.ProcessEnv,
  args: readonly string[] = [APP],
): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, HIRELEARN_REGISTRY_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return listeningAddress(child, 'registry').then((address) => ({ child, address }));
}

describe('registry over gRPC (the registry app on loopback)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let app: ChildProcess;
  let a: RegistryGrpcClient;
  let b: RegistryGrpcClient;

  beforeAll(async () => {
    if (!existsSync(APP))
      throw new Error(`${APP} is missing: run 'make build' (or 'npm run build') first`);
    dir = mkdtempSync(join(tmpdir(), 'hirelearn-registry-grpc-'));
    env = {
      HIRELEARN_DOCUMENTS: `sqlite://${join(dir, 'documents.sqlite')}`,
      HIRELEARN_ARTIFACTS: join(dir, 'artifacts'),
      // The audit trail names these identities, whatever `by` the requests claim.
      HIRELEARN_CREDENTIALS: writeCredentials(join(dir, 'credentials.json'), [
        { identity: 'trainer', role: 'ml-engineer', token: TRAINER },
        { identity: 'ops', role: 'ml-engineer', token: OPS },
      ]),
    };
    const started = await startApp(env);
    app = started.child;
    a = new RegistryGrpcClient(started.address, as(TRAINER));
    b = new RegistryGrpcClient(started.address, as(OPS));
  });

  afterAll(async () => {
    a?.close();
    b?.close();
    if (app && app.exitCode === null) {
      const exited = new Promise((res) => app.once('exit', res));
      app.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers, promotes and rolls back, with the audit trail', async () => {
    const v1 = await a.register(input('model one'));
    const v2 = await a.register(input('model two'));
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v2).toMatchObject({
      stage: 'candidate',
      seed: 42,
      artifact: { format: 'json_params', sha256: sha256Hex(Buffer.from('"model two"')) },
    });
    expect(await a.production('scorer')).toBeNull();
    await a.promote('scorer', 1, by('first'));
    const p = await a.promote('scorer', 2, by('lower log loss'));
    expect(p.transitions.map((t) => [t.version, t.from_stage, t.to_stage])).toEqual([
      [1, 'production', 'candidate'],
      [2, 'candidate', 'production'],
    ]);
    const fetched = await b.fetchArtifact('scorer');
    expect(fetched.version.version).toBe(2);
    expect(fetched.content.toString()).toBe('"model two"');

    const back = await b.rollback('scorer', by('calibration drift'));
    expect(back.version).toMatchObject({ version: 1, stage: 'production' });
    expect((await a.production('scorer'))?.version).toBe(1);
    expect((await a.get('scorer', 2)).stage).toBe('candidate');
    const trail = await a.transitions('scorer');
    expect(trail.slice(-2).map((t) => [t.version, t.to_stage, t.by, t.reason])).toEqual([
      [2, 'candidate', 'ops', 'calibration drift'],
      [1, 'production', 'ops', 'calibration drift'],
    ]);
    expect(trail[0]).toMatchObject({ from_stage: null, to_stage: 'candidate', by: 'trainer' });
  });

  it('refuses an artifact its service could not load (the app checks with the real loaders)', async () => {
    for (const model of ['ensemble', 'fit-score']) {
      await expect(
        a.register({ ...input('x'), model, content: Buffer.from('{"not":"a model"}') }),
      ).rejects.toMatchObject({
        code: 'invalid_argument',
        message: expect.stringMatching(
          new RegExp(`^content: the json_params artifact does not load as model '${model}'`),
        ),
      });
    }
    await expect(a.list({ model: 'ensemble' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sends errors as the same classes, with gRPC status codes', async () => {
    await expect(a.get('nope', 1)).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'not_found',
    });
    await expect(a.promote('scorer', 1, { by: 'ops', reason: '' })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/^reason: /),
    });
    await expect(a.archive('scorer', 1, by('x'))).rejects.toMatchObject({
      name: 'FailedPreconditionError',
    });
  });

  it('resolves concurrent promotions to one winner', async () => {
    const v3 = await a.register(input('model three'));
    for (let round = 0; round < 5; round++) {
      // Two engineers look at the registry, see the same production version, and each
      // promote their own candidate on that basis, at the same moment, from two connections.
      const [seenA, seenB] = await Promise.all([a.production('scorer'), b.production('scorer')]);
      const results = await Promise.allSettled([
        a.promote('scorer', 2, {
          ...by(`a${round}`),
          expected_production: seenA?.version ?? null,
        }),
        b.promote('scorer', v3.version, {
          ...by(`b${round}`),
          expected_production: seenB?.version ?? null,
        }),
      ]);
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost[0]).toMatchObject({ name: 'ConflictError', code: 'aborted' });
      const production = await a.list({ model: 'scorer', stage: 'production' });
      expect(production.map((v) => v.version)).toEqual([won[0].version.version]);
      await a.rollback('scorer', { ...by('reset'), to: 1 });
    }
    // The trail holds the winners' transitions only: 5 promotions and 5 resets, 2 moves each.
    const trail = await a.transitions('scorer');
    expect(trail.filter((t) => /^[ab]\d$/.test(t.reason))).toHaveLength(10);
  });

  it('streams a promotion to a watcher, including one made by the CLI on the same store', async () => {
    const events: WatchEvent[] = [];
    const w = b.watch('scorer', (e) => events.push(e), { send_current: true });
    await until(() => events.length >= 1);
    expect(events[0]).toMatchObject({ transition: null, production: { version: 1 } });

    await a.promote('scorer', 2, by('watched'));
    await until(() => events.some((e) => e.transition?.reason === 'watched'));
    expect(events[events.length - 1]).toMatchObject({
      transition: { version: 2, from_stage: 'candidate', to_stage: 'production' },
      production: { version: 2 },
    });

    // Another process (the CLI) writes the same store; the server's watch polls it.
    const cli = runCli(
      ['models', 'rollback', 'scorer', '--by', 'cli', '--reason', 'from cli'],
      env,
    );
    expect(cli.stderr).toBe('');
    await until(() =>
      events.some((e) => e.transition?.by === 'cli' && e.production?.version === 1),
    );
    w.close();
  });

  it('refuses a corrupted artifact with a clear error', async () => {
    const v = await a.get('scorer', 1);
    writeFileSync(fileURLToPath(v.artifact.uri), 'tampered bytes');
    await expect(a.fetchArtifact('scorer', 1)).rejects.toMatchObject({
      name: 'IntegrityError',
      code: 'data_loss',
      message: expect.stringMatching(
        /scorer@1 is corrupted: .* hashes to sha256 [0-9a-f]{64}, registered as [0-9a-f]{64}; refusing to load it/,
      ),
    });
    // The other versions are still served.
    expect((await a.fetchArtifact('scorer', 2)).content.toString()).toBe('"model two"');
  });

  it('is also served by `hirelearn serve registry`, on the same store', async () => {
    const served = await startApp(env, [CLI, 'serve', 'registry', '--port', '0']);
    const c = new RegistryGrpcClient(served.address, { deadline_ms: 10_000 });
    try {
      expect((await c.list({ model: 'scorer' })).map((v) => v.version)).toEqual([1, 2, 3]);
      expect((await c.production('scorer'))?.version).toBe(1);
    } finally {
      c.close();
      const exited = new Promise<number | null>((res) => served.child.once('exit', res));
      served.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
