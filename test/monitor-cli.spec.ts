import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { modelHealthCollection, scoreVersion } from '@hirelearn/monitoring';
import { credentials, type ServiceError } from '@grpc/grpc-js';
import * as pb from '@hirelearn/proto';
import { clientConnection, clientSecuritySettings } from '@hirelearn/rpc';
import { listeningAddress, requireBuiltCli, runCli, startCli } from './support/cli';

/** `hirelearn quality` and `hirelearn monitor` through the built CLI. */
describe('hirelearn quality and monitor (built CLI)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-monitor-cli-'));
  const db = `duckdb://${path.join(dir, 'events.duckdb')}`;
  const env = {
    HIRELEARN_DOCUMENTS: `sqlite://${path.join(dir, 'documents.sqlite')}`,
    HIRELEARN_ARTIFACTS: path.join(dir, 'artifacts'),
  };

  beforeAll(() => {
    requireBuiltCli();
    const sim = runCli(['simulate', '--users', '60', '--months', '3', '--seed', '2', '--out', dir]);
    expect(sim.code).toBe(0);
    const ing = runCli(['ingest', path.join(dir, 'events.ndjson'), '--db', db]);
    expect(ing.code).toBe(0);
  });

  it('simulates a world whose behaviour changes part-way (--behaviour-change), and refuses a malformed one', () => {
    const out = path.join(dir, 'changing');
    const r = runCli([
      'simulate',
      '--users',
      '10',
      '--months',
      '3',
      '--seed',
      '2',
      '--behaviour-change',
      'base_rate:0.3@2',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const truth = JSON.parse(readFileSync(path.join(out, 'truth.json'), 'utf8'));
    expect(truth.behaviour_change).toMatchObject({ kind: 'base_rate', size: 0.3 });
    const bad = runCli(['simulate', '--behaviour-change', 'base_rate=0.3', '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--behaviour-change 'base_rate=0.3' must be KIND:SIZE@MONTH");
  });

  it('prints a findings list as JSON, nothing critical on a clean simulated log', () => {
    const r = runCli(['quality', '--json', '--db', db, '--fail-on-critical']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.status).toBe('ok');
    expect(Array.isArray(report.findings)).toBe(true);
    expect(report.critical).toBe(0);
    expect(report.checked_events).toBeGreaterThan(1000);
  });

  it('the nightly attribution refuses to publish while a critical data-quality finding stands', () => {
    // The same world with 5% of its lines torn: capture falls below 99%, a critical finding.
    const lines = readFileSync(path.join(dir, 'events.ndjson'), 'utf8').split('\n');
    const torn = path.join(dir, 'torn.ndjson');
    writeFileSync(
      torn,
      [...lines, ...lines.slice(0, Math.ceil(lines.length / 20)).map((l) => l.slice(0, 20))].join(
        '\n',
      ),
    );
    const tornDb = `duckdb://${path.join(dir, 'torn.duckdb')}`;
    expect(runCli(['ingest', torn, '--db', tornDb]).code).toBe(0);
    const r = runCli(['attribution', '--json', '--db', tornDb]);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('blocked_by_data_quality');
    expect(out.findings[0]).toMatchObject({ severity: 'critical', rule: 'capture_below_target' });
    const text = runCli(['attribution', '--db', tornDb]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('refusing to publish: 1 critical data-quality finding(s) stand');
    expect(text.stdout).toBe('');
  });

  it('refuses a --since that is not a date, saying how to fix it', () => {
    const r = runCli(['quality', '--since', 'yesterday-ish', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--since 'yesterday-ish' is not a date");
    expect(r.stderr).toContain('fix:');
  });

  it('runs the monitor with no served model and reports nothing to do', () => {
    const r = runCli(['monitor', 'run', '--json', '--db', db], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      status: 'ok',
      versions: [],
      health_reports: 0,
      serving: [],
    });
  });

  it('writes the stored health of a model as JSON and as an offline HTML report', async () => {
    // Health reports as the monitor stores them, for a constant forecast on this world.
    const store = await EventStore.open(db);
    const apps = await store.rows(
      `SELECT application_id, strftime(submitted_at, '%Y-%m-%dT%H:%M:%SZ') AS at FROM applications
       WHERE submitted_at IS NOT NULL ORDER BY application_id`,
    );
    const outcomes = new Map(
      (
        await store.rows(
          `SELECT application_id, CASE WHEN reached_interview THEN 1 ELSE 0 END AS y FROM applications`,
        )
      ).map((r) => [String(r.application_id), { y: Number(r.y) as 0 | 1, features: {} }]),
    );
    await store.close();
    const health = scoreVersion(
      { model: 'demo', version: 1, stage: 'production' },
      apps.map((a, i) => ({
        _id: `p${i}`,
        model: 'demo',
        version: 1,
        user_id: 'u',
        application_id: String(a.application_id),
        inputs_hash: 'h',
        probability: 0.9,
        predicted_at: String(a.at),
      })),
      outcomes,
    );
    const docs = await openDocumentStore(env.HIRELEARN_DOCUMENTS);
    for (const h of health) await modelHealthCollection(docs).insert(h);
    await docs.close();

    const html = path.join(dir, 'report.html');
    const r = runCli(['monitor', 'report', 'demo', '--json', '--html', html], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.windows).toHaveLength(health.length);
    expect(
      out.windows.some((w: { critical: string[] }) => w.critical.includes('ece_above_threshold')),
    ).toBe(true);
    expect(existsSync(html)).toBe(true);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).not.toContain('<script');

    const missing = runCli(['monitor', 'report', 'nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no health reports for model 'nope'");
  });

  it('serves the monitor over gRPC (serve drift-monitor): RunNow, GetHealth, a clean stop on SIGTERM', async () => {
    const child = startCli([
      'serve',
      'drift-monitor',
      '--port',
      '0',
      '--db',
      db,
      '--documents',
      env.HIRELEARN_DOCUMENTS,
      '--artifacts',
      env.HIRELEARN_ARTIFACTS,
      '--every-minutes',
      '60',
    ]);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const address = await listeningAddress(child, 'drift-monitor');
    // RunNow changes state: without credentials it is refused; the local token the service
    // wrote (.hirelearn/token, 0600) is what the CLI and this client send by default.
    const anonymous = new pb.MonitorClient(address, credentials.createInsecure());
    await expect(
      new Promise((resolve, reject) =>
        anonymous.runNow({}, (e, r) => (e ? reject(e) : resolve(r))),
      ),
    ).rejects.toMatchObject({ code: 16 });
    anonymous.close();
    const local = clientConnection(address, clientSecuritySettings({}));
    const client = new pb.MonitorClient(address, local.credentials, local.options);
    const call = <Res>(method: 'runNow' | 'getHealth', req: object): Promise<Res> =>
      new Promise((resolve, reject) =>
        (
          client[method] as unknown as (
            r: object,
            cb: (e: ServiceError | null, r: Res) => void,
          ) => void
        ).call(client, req, (e, r) => (e ? reject(e) : resolve(r))),
      );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    try {
      const run = await call<pb.RunNowResponse>('runNow', {});
      expect(run.run).toMatchObject({ versions: [], health_reports: 0 });
      expect(run.run!.trigger).toBe(pb.RunTrigger.RUN_TRIGGER_RUN_NOW);
      await expect(call('getHealth', { model: 'no-such-model', version: 0 })).rejects.toMatchObject(
        { code: 5 },
      );
      // The CLI asks the served monitor for a pass instead of running one itself.
      const viaCli = runCli(['monitor', 'run', '--address', address, '--json'], env);
      expect(viaCli.code).toBe(0);
      expect(JSON.parse(viaCli.stdout)).toEqual({
        status: 'ok',
        versions: [],
        health_reports: 0,
        serving: [],
      });
    } finally {
      client.close();
      child.kill('SIGTERM');
    }
    const code = await exited;
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);
});
