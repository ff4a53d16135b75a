/**
 * Every service starts through `startGrpcServer`, so the registry stands for all of them here
 * (the learning engine's actor is checked in learning-engine.spec.ts): TLS with a CA made in
 * the test, mutual TLS, bearer tokens mapped to identities and roles, the authenticated
 * identity as the audit trail's actor, the local token of a loopback server without a
 * credentials file, and the refusal to listen beyond loopback in plaintext.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { serverSecurityVariables } from '@hirelearn/env';
import * as pb from '@hirelearn/proto';
import { openDocumentStore } from '@hirelearn/store';
import {
  clientSecuritySettings,
  serverSecuritySettings,
  startGrpcServer,
  type ClientSecuritySettings,
  type RunningService,
  type ServerSecuritySettings,
} from '@hirelearn/rpc';
import {
  Registry,
  registryServiceSettings,
  RegistryGrpcClient,
  serveRegistry,
  type RegisterVersionInput,
} from '@hirelearn/registry';
import { listeningAddress, requireBuiltCli, runCli, runCliAsync, startCli } from './support/cli';
import { writeCredentials } from './support/credentials';
import { ThrowawayCa, type Pem } from './support/throwaway-ca';

const ALICE = 'alice-token-0123456789abcdef0123456789';
const EVE = 'eve-token-0123456789abcdef0123456789abc';

const input = (text: string): RegisterVersionInput => ({
  model: 'fit-score',
  content: Buffer.from(JSON.stringify({ text })),
  format: 'json_params',
  metrics: {},
  training_data_window: { start: '2026-01-01T00:00:00Z', end: '2026-06-30T00:00:00Z' },
  seed: 1,
  code_version: 'c0ffee',
  settings_hash: 'cafe',
  // What a caller claims; the server records who it authenticated instead.
  registered_by: 'mallory',
});

describe('gRPC security', () => {
  let dir: string;
  let ca: ThrowawayCa;
  let rogue: ThrowawayCa;
  let serverPem: Pem;
  let credentialsFile: string;
  let tls: RunningService;
  let mtls: RunningService;
  const clients: RegistryGrpcClient[] = [];

  const serve = (documents: string, security: Partial<ServerSecuritySettings>) =>
    serveRegistry(
      registryServiceSettings(
        {},
        {
          documentsUrl: `sqlite://${join(dir, `${documents}.sqlite`)}`,
          artifactsDir: join(dir, `${documents}-artifacts`),
          host: '127.0.0.1',
          port: 0,
          security: serverSecuritySettings({}, security),
        },
      ),
    );
  const client = (address: string, security: Partial<ClientSecuritySettings>) => {
    const c = new RegistryGrpcClient(address, {
      deadline_ms: 10_000,
      security: clientSecuritySettings({}, { tokenFile: null, ...security }),
    });
    clients.push(c);
    return c;
  };
  /** A client of the mutual-TLS server presenting `pem` as its certificate. */
  const certClient = (pem: Pem) =>
    client(mtls.address, {
      tlsCaFile: ca.ca.cert,
      tls: true,
      tlsClientCertFile: pem.cert,
      tlsClientKeyFile: pem.key,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hirelearn-security-'));
    ca = new ThrowawayCa(dir, 'ours');
    rogue = new ThrowawayCa(dir, 'rogue');
    serverPem = ca.server();
    credentialsFile = writeCredentials(join(dir, 'credentials.json'), [
      { identity: 'alice', role: 'ml-engineer', token: ALICE },
      { identity: 'eve', role: 'experimenter', token: EVE },
      { identity: 'ml-bot', role: 'ml-engineer', cert_cn: 'ml-bot' },
    ]);
    tls = await serve('tls', {
      tlsCertFile: serverPem.cert,
      tlsKeyFile: serverPem.key,
      credentialsFile: credentialsFile,
    });
    mtls = await serve('mtls', {
      tlsCertFile: serverPem.cert,
      tlsKeyFile: serverPem.key,
      tlsClientCaFile: ca.ca.cert,
      credentialsFile: credentialsFile,
    });
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await tls?.shutdown();
    await mtls?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves over TLS and records the authenticated identity, not the one the request claims', async () => {
    const alice = client(tls.address, { tlsCaFile: ca.ca.cert, tls: true, token: ALICE });
    const v = await alice.register(input('v1'));
    expect(v.registered_by).toBe('alice');
    await alice.promote('fit-score', v.version, { by: 'mallory', reason: 'first' });
    await alice.archive('fit-score', (await alice.register(input('v2'))).version, {
      by: 'mallory',
      reason: 'not needed',
    });
    const trail = await alice.transitions('fit-score');
    expect(trail.map((t) => t.by)).toEqual(['alice', 'alice', 'alice', 'alice']);
  });

  it('refuses a plaintext client of a TLS server', async () => {
    const plain = client(tls.address, { token: ALICE });
    await expect(plain.list()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('refuses a mutating call without credentials (UNAUTHENTICATED) and lets reads through on loopback', async () => {
    const anonymous = client(tls.address, { tlsCaFile: ca.ca.cert, tls: true });
    await expect(anonymous.register(input('anon'))).rejects.toMatchObject({
      code: 'unauthenticated',
      message: expect.stringContaining('/hirelearn.v1.Registry/RegisterVersion needs credentials'),
    });
    await expect(anonymous.rollback('fit-score', { by: 'x', reason: 'y' })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    expect((await anonymous.list({ model: 'fit-score' })).length).toBeGreaterThan(0);
  });

  it('refuses an unknown token (UNAUTHENTICATED) and a role that may not (PERMISSION_DENIED)', async () => {
    const forged = client(tls.address, {
      tlsCaFile: ca.ca.cert,
      tls: true,
      token: 'not-a-token-anyone-was-given-0000000000',
    });
    await expect(forged.register(input('forged'))).rejects.toMatchObject({
      code: 'unauthenticated',
      message: expect.stringContaining('authorization: the token is not known'),
    });
    const eve = client(tls.address, { tlsCaFile: ca.ca.cert, tls: true, token: EVE });
    await expect(
      eve.promote('fit-score', 1, { by: 'alice', reason: 'sneaky' }),
    ).rejects.toMatchObject({
      code: 'permission_denied',
      message: expect.stringContaining(
        'eve (role experimenter) may not call /hirelearn.v1.Registry/Promote',
      ),
    });
  });

  it('the status codes on the wire are UNAUTHENTICATED and PERMISSION_DENIED', async () => {
    const raw = new pb.RegistryClient(tls.address, credentials.createSsl(readFileSync(ca.ca.cert)));
    const archive = (metadata: Metadata) =>
      new Promise<ServiceError>((resolve) =>
        raw.archive({ model: 'fit-score', version: 1, by: 'x', reason: 'y' }, metadata, (e) =>
          resolve(e as ServiceError),
        ),
      );
    expect((await archive(new Metadata())).code).toBe(status.UNAUTHENTICATED);
    const eve = new Metadata();
    eve.set('authorization', `Bearer ${EVE}`);
    expect((await archive(eve)).code).toBe(status.PERMISSION_DENIED);
    raw.close();
  });

  it('mutual TLS: refuses a client without a certificate or with one of another CA; a known certificate is an identity', async () => {
    const noCert = client(mtls.address, { tlsCaFile: ca.ca.cert, tls: true, token: ALICE });
    await expect(noCert.list()).rejects.toMatchObject({ code: 'unavailable' });
    const forged = certClient(rogue.client('ml-bot'));
    await expect(forged.list()).rejects.toMatchObject({ code: 'unavailable' });
    const bot = certClient(ca.client('ml-bot'));
    const v = await bot.register(input('by certificate'));
    expect(v.registered_by).toBe('ml-bot');
    const unknown = certClient(ca.client('stranger'));
    await expect(unknown.register(input('stranger'))).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });

  it('without a credentials file, a loopback server trusts only its local token (0600 file)', async () => {
    const tokenFile = join(dir, 'local', 'token');
    const local = await serve('local', { tokenFile: tokenFile });
    try {
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const anonymous = client(local.address, {});
      await expect(anonymous.register(input('anon'))).rejects.toMatchObject({
        code: 'unauthenticated',
      });
      const holder = client(local.address, { tokenFile: tokenFile, tokenFileNamed: true });
      const v = await holder.register(input('local'));
      expect(v.registered_by).toBe(`local:${userInfo().username}`);
    } finally {
      await local.shutdown();
    }
  });

  it('refuses to listen beyond loopback without TLS unless told to, and then warns on stderr', async () => {
    const plain = serverSecuritySettings({}, { credentialsFile: credentialsFile });
    await expect(startGrpcServer([], { host: '0.0.0.0', security: plain })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0 \(beyond loopback\) without TLS: set HIRELEARN_TLS_CERT/,
    );
    await expect(
      startGrpcServer([], {
        host: '0.0.0.0',
        security: serverSecuritySettings(
          {},
          { tlsCertFile: serverPem.cert, tlsKeyFile: serverPem.key },
        ),
      }),
    ).rejects.toThrow(/without HIRELEARN_CREDENTIALS/);
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof write;
    let insecure: RunningService;
    try {
      insecure = await startGrpcServer([], {
        host: '0.0.0.0',
        security: serverSecuritySettings(serverSecurityVariables({ HIRELEARN_INSECURE: '1' }), {
          credentialsFile: credentialsFile,
        }),
      });
    } finally {
      process.stderr.write = write;
    }
    await insecure.shutdown();
    expect(written.join('')).toMatch(/WARNING: listening on 0\.0\.0\.0 WITHOUT TLS/);
  });

  it('a client refuses to send its token in plaintext beyond loopback', () => {
    expect(() => client('192.0.2.1:50051', { token: ALICE })).toThrow(
      /refusing to send a token in plaintext to 192\.0\.2\.1:50051/,
    );
  });
});

describe('the CLI against a secured registry (serve registry --tls-cert ... --credentials ...)', () => {
  let dir: string;
  let ca: ThrowawayCa;
  let args: { documents: string[]; tls: string[] };
  let child: ReturnType<typeof startCli>;
  let address: string;

  beforeAll(async () => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'hirelearn-security-cli-'));
    ca = new ThrowawayCa(dir, 'cli');
    const server = ca.server();
    const documents = `sqlite://${join(dir, 'documents.sqlite')}`;
    const artifacts = join(dir, 'artifacts');
    // Two candidates registered in-process, as `models train` does.
    const docs = await openDocumentStore(documents);
    const registry = await Registry.open({ documents: docs, artifactsDir: artifacts });
    for (const t of ['one', 'two']) await registry.register(input(t));
    registry.close();
    await docs.close();
    writeFileSync(join(dir, 'alice.token'), `${ALICE}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'eve.token'), `${EVE}\n`, { mode: 0o600 });
    args = {
      documents: ['--documents', documents, '--artifacts', artifacts],
      tls: ['--tls-cert', server.cert, '--tls-key', server.key],
    };
    const credentialsFile = writeCredentials(join(dir, 'credentials.json'), [
      { identity: 'alice', role: 'ml-engineer', token: ALICE },
      { identity: 'eve', role: 'experimenter', token: EVE },
    ]);
    child = startCli([
      'serve',
      'registry',
      '--port',
      '0',
      ...args.documents,
      ...args.tls,
      '--credentials',
      credentialsFile,
    ]);
    // By the name in the certificate (TLS to an IP address makes node warn about SNI).
    address = (await listeningAddress(child, 'registry')).replace('127.0.0.1', 'localhost');
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const models = (command: string[], token: string | null) =>
    runCliAsync([
      'models',
      ...command,
      '--registry',
      address,
      '--tls-ca',
      ca.ca.cert,
      ...(token ? ['--token-file', join(dir, `${token}.token`)] : []),
    ]);

  it('promotes with a token over TLS, recorded as the token holder; refuses without one or with the wrong role', async () => {
    const anonymous = await models(['promote', 'fit-score', '1', '--reason', 'no token'], null);
    expect(anonymous.code).toBe(1);
    // Without --token-file the CLI sends the local token of ./.hirelearn/token if there is one,
    // which this server (with a credentials file) does not know either.
    expect(anonymous.stderr).toMatch(
      /\/hirelearn\.v1\.Registry\/Promote needs credentials|authorization: the token is not known/,
    );
    const eve = await models(['promote', 'fit-score', '1', '--reason', 'not mine'], 'eve');
    expect(eve.code).toBe(1);
    expect(eve.stderr).toContain('eve (role experimenter) may not call');
    const alice = await models(
      ['promote', 'fit-score', '1', '--by', 'mallory', '--reason', 'first', '--json'],
      'alice',
    );
    expect(alice.stderr).toBe('');
    const shown = await models(['show', 'fit-score', '--json'], null);
    const trail = (JSON.parse(shown.stdout) as { transitions: { by: string; reason: string }[] })
      .transitions;
    expect(trail.find((t) => t.reason === 'first')?.by).toBe('alice');
  });

  it('refuses to serve beyond loopback without TLS, and warns when told --insecure', async () => {
    const beyondLoopback = [
      'serve',
      'registry',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      ...args.documents,
    ];
    const refused = runCli(beyondLoopback);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to listen on 0.0.0.0 (beyond loopback) without TLS');
    const insecure = startCli([
      ...beyondLoopback,
      '--credentials',
      join(dir, 'credentials.json'),
      '--insecure',
    ]);
    let stderr = '';
    insecure.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await listeningAddress(insecure, 'registry');
    const exited = new Promise((res) => insecure.once('exit', res));
    insecure.kill('SIGTERM');
    await exited;
    expect(stderr).toContain('WARNING: listening on 0.0.0.0 WITHOUT TLS');
  }, 60_000);
});
