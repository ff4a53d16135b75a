import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { modelHealthCollection, scoreVersion } from '@hirelearn/monitoring';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { requireBuiltCli, runCli } from './support/cli';

/**
 * `hirelearn privacy audit` over every view the engine exports, made by the built CLI from a
 * simulated world: the views pass as they are, and each of them fails once a phone number
 * and an e-mail address are planted in it.
 */
describe('hirelearn privacy audit on the engine’s own exports', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-privacy-audit-'));
  const db = `duckdb://${path.join(dir, 'events.duckdb')}`;
  const exports = path.join(dir, 'exports');
  const env = {
    HIRELEARN_DB: db,
    HIRELEARN_DOCUMENTS: `sqlite://${path.join(dir, 'documents.sqlite')}`,
    HIRELEARN_ARTIFACTS: path.join(dir, 'artifacts'),
  };
  /** Runs a view and keeps its JSON output under `exports/<name>.json`. */
  const view = (name: string, args: string[], codes: number[] = [0]) => {
    const r = runCli(args, env);
    if (!codes.includes(r.code ?? -1)) throw new Error(`${name} exited ${r.code}: ${r.stderr}`);
    writeFileSync(path.join(exports, `${name}.json`), r.stdout);
    return JSON.parse(r.stdout);
  };
  const files = (root: string) =>
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  const audit = (root: string) => {
    const r = runCli(['privacy', 'audit', '--path', root, '--db', db, '--json'], env);
    return { code: r.code, result: JSON.parse(r.stdout) };
  };

  let user = '';

  beforeAll(async () => {
    requireBuiltCli();
    mkdirSync(exports);
    const sim = ['simulate', '--users', '80', '--months', '4', '--seed', '3', '--out', dir];
    expect(runCli(sim).code).toBe(0);
    expect(runCli(['ingest', path.join(dir, 'events.ndjson')], env).code).toBe(0);
    const fit = path.join(dir, 'fit.json');
    expect(runCli(['models', 'train', 'fit-score', '--out', fit], env).code).toBe(0);
    // Health reports of the registered version as the monitor stores them.
    const store = await EventStore.open(db);
    const apps = await store.rows(
      `SELECT application_id, user_id, strftime(submitted_at, '%Y-%m-%dT%H:%M:%SZ') AS at,
              CASE WHEN reached_interview THEN 1 ELSE 0 END AS y
       FROM applications WHERE submitted_at IS NOT NULL ORDER BY application_id`,
    );
    await store.close();
    user = String(apps[0].user_id);
    const health = scoreVersion(
      { model: 'fit-score', version: 1, stage: 'production' },
      apps.map((a, i) => ({
        _id: `p${i}`,
        model: 'fit-score',
        version: 1,
        user_id: String(a.user_id),
        application_id: String(a.application_id),
        inputs_hash: 'h',
        probability: 0.3,
        predicted_at: String(a.at),
      })),
      new Map(
        apps.map((a) => [String(a.application_id), { y: Number(a.y) as 0 | 1, features: {} }]),
      ),
    );
    const docs = await openDocumentStore(env.HIRELEARN_DOCUMENTS);
    for (const h of health) await modelHealthCollection(docs).insert(h);
    await docs.close();
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every exported view passes, and `period: all` is the range of the data', () => {
    const status = view('status', ['status', '--json']);
    const market = view('analytics-market', ['analytics', 'market', '--json']);
    view('analytics-segment', ['analytics', 'segment', '--json']);
    const own = view('analytics-user', ['analytics', 'user', user, '--json']);
    expect(runCli(['analytics', 'export', '--out', path.join(exports, 'export')], env).code).toBe(
      0,
    );
    view('fairness', ['fairness', 'audit', '--json']);
    view('quality', ['quality', '--json']);
    // Published, or refused by the data-quality gate (exit 2): both are views it exports.
    view('attribution', ['attribution', '--json'], [0, 2]);
    view('models-list', ['models', 'list', '--json']);
    const shown = view('models-show', ['models', 'show', 'fit-score', '--json']);
    // The lineage's commit is the full hash: a short one is all digits about one time in 27
    // (4808729), which the audit rightly reads as a phone number.
    expect(JSON.stringify(shown)).toMatch(/"code_version":"[0-9a-f]{40}"/);
    view('monitor-report', ['monitor', 'report', 'fit-score', '--json']);

    // The data's own days, not 1970-01-01 .. 9999-12-31.
    const firstDay = `${String(status.first_event_at).slice(0, 10)} 00:00:00`;
    const lastDay = new Date(`${String(status.last_event_at).slice(0, 10)}T00:00:00Z`);
    const afterLastDay = new Date(lastDay.getTime() + 86_400_000).toISOString().slice(0, 10);
    const range = { label: 'all', start: firstDay, end: `${afterLastDay} 00:00:00` };
    expect(market.period).toEqual(range);
    expect(own.performance.period).toEqual(range);
    expect(runCli(['analytics', 'market'], env).stdout).toMatch(
      new RegExp(
        `^period +all: ${firstDay.slice(0, 10)} \\.\\. ${afterLastDay} \\(end exclusive\\)$`,
        'm',
      ),
    );

    const { code, result } = audit(exports);
    expect(result.findings).toEqual([]);
    expect(code).toBe(0);
    expect(result.artifacts_scanned).toBe(files(exports).length);
    expect(result.artifacts_scanned).toBe(13);
  });

  it('the same files fail with a phone number and an e-mail address planted in each', () => {
    const planted = path.join(dir, 'planted');
    const names = files(exports);
    expect(names.length).toBeGreaterThan(10);
    for (const [i, file] of names.entries()) {
      const out = path.join(planted, path.relative(exports, file));
      mkdirSync(path.dirname(out), { recursive: true });
      const phone = i % 2 === 0 ? '+1 (415) 555-0134' : '415-555-0134';
      const value = JSON.parse(readFileSync(file, 'utf8'));
      const contact = { phone, email: 'jane.doe@example.com' };
      writeFileSync(
        out,
        JSON.stringify(Array.isArray(value) ? [...value, contact] : { ...value, contact }, null, 2),
      );
    }
    const { code, result } = audit(planted);
    expect(code).toBe(1);
    expect(result.by_kind).toMatchObject({ phone: names.length, email: names.length });
    const flagged = (kind: string) =>
      new Set(
        result.findings
          .filter((f: { kind: string }) => f.kind === kind)
          .map((f: { artifact: string }) => f.artifact),
      ).size;
    expect([flagged('phone'), flagged('email')]).toEqual([names.length, names.length]);
  });
});
