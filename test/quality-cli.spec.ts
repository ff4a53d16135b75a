import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { acknowledgementsCollection } from '@hirelearn/monitoring';
import { openDocumentStore } from '@hirelearn/store';
import { requireBuiltCli, runCli } from './support/cli';

const DAY = 86_400_000;

/**
 * Issue 12, item 15: an operator proceeds past a critical data-quality finding on the record
 * (`hirelearn quality ack`), and `attribution --since/--until` analyses a window whose data
 * the gate judges. Through the built CLI.
 */
describe('hirelearn quality ack and attribution --since/--until (built CLI)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-quality-cli-'));
  const torn = `duckdb://${path.join(dir, 'torn.duckdb')}`;
  const documents = `sqlite://${path.join(dir, 'documents.sqlite')}`;
  const env = { HIRELEARN_DOCUMENTS: documents };

  beforeAll(() => {
    requireBuiltCli();
    const sim = runCli(['simulate', '--users', '60', '--months', '3', '--seed', '2', '--out', dir]);
    expect(sim.code).toBe(0);
    // 5% of the lines torn: capture falls below 99%, a critical finding over the whole log.
    const lines = readFileSync(path.join(dir, 'events.ndjson'), 'utf8').split('\n');
    const file = path.join(dir, 'torn.ndjson');
    const tornLines = lines.slice(0, Math.ceil(lines.length / 20)).map((l) => l.slice(0, 20));
    writeFileSync(file, [...lines, ...tornLines].join('\n'));
    expect(runCli(['ingest', file, '--db', torn]).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an acknowledgement of a rule that does not exist, naming the rules, and records nothing', () => {
    const r = runCli(['quality', 'ack', 'volume_anomally', '--who', 'ada', '--why', 'x'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("acknowledgement target 'volume_anomally'");
    expect(r.stderr).toContain('volume_anomaly, outlier_score');
    expect(r.stderr).toContain('fix: hirelearn quality ack RULE[:EVENT_TYPE]');
    const missing = runCli(['quality', 'ack', 'volume_anomaly', '--why', 'x'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("required option '--who <name>' not specified");
    const late = runCli(
      ['quality', 'ack', 'volume_anomaly', '--who', 'a', '--why', 'b', '--until', '2020-01-01'],
      env,
    );
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('until: 2020-01-01T00:00:00.000Z is not after now');
    const listed = JSON.parse(runCli(['quality', '--json', '--db', torn], env).stdout);
    expect(listed.acknowledgements).toEqual([]);
  });

  it('does not honour an expired acknowledgement: attribution still refuses to publish', async () => {
    const docs = await openDocumentStore(documents);
    await acknowledgementsCollection(docs).insert({
      _id: 'expired',
      rule: 'capture_below_target',
      event_type: null,
      who: 'bo',
      why: 'last week',
      created_at: new Date(Date.now() - 9 * DAY).toISOString(),
      until: new Date(Date.now() - 2 * DAY).toISOString(),
    });
    await docs.close();
    const r = runCli(['attribution', '--json', '--db', torn], env);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('blocked_by_data_quality');
    expect(out.findings).toEqual([
      expect.objectContaining({ rule: 'capture_below_target', event_type: '*' }),
    ]);
    expect(out.data_quality).toMatchObject({ critical: 1, acknowledged: [] });
    const text = runCli(['attribution', '--db', torn], env);
    expect(text.stderr).toContain('or acknowledge it: hirelearn quality ack RULE:EVENT_TYPE');
  });

  it('the nightly stops at the same gate and exits 2 as attribution does, naming the step', () => {
    const r = runCli(['nightly', '--json', '--db', torn], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failed at step quality_gate \(.*capture_below_target/);
    const run = JSON.parse(r.stdout) as { status: string; failed_steps: string[] };
    expect(run.status).toBe('failed');
    expect(run.failed_steps).toEqual(['quality_gate']);
  });

  it('records who, why and a 7-day expiry; quality lists the finding as acknowledged', () => {
    const before = Date.now();
    const ack = runCli(
      [
        'quality',
        'ack',
        'capture_below_target:*',
        '--who',
        'ada',
        '--why',
        'torn re-send; re-ingest scheduled',
        '--json',
      ],
      env,
    );
    expect(ack.code).toBe(0);
    const recorded = JSON.parse(ack.stdout);
    expect(recorded).toMatchObject({
      rule: 'capture_below_target',
      event_type: '*',
      who: 'ada',
      why: 'torn re-send; re-ingest scheduled',
    });
    const days = (Date.parse(recorded.until) - before) / DAY;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);

    const q = runCli(['quality', '--json', '--db', torn, '--fail-on-critical'], env);
    expect(q.code).toBe(0); // the only critical finding is acknowledged
    const report = JSON.parse(q.stdout);
    expect(report).toMatchObject({ critical: 0, acknowledged: 1 });
    expect(report.findings[0]).toMatchObject({
      severity: 'critical',
      rule: 'capture_below_target',
      event_type: '*',
      acknowledged: { id: recorded._id, who: 'ada', until: recorded.until },
    });
    expect(report.acknowledgements.map((a: { _id: string }) => a._id)).toEqual([recorded._id]);
    const text = runCli(['quality', '--db', torn], env);
    expect(text.stdout).toContain(`by ada until ${recorded.until}: torn re-send`);
    expect(text.stdout).toContain('acknowledgements in force:');
  });

  it('publishes past the acknowledged finding, saying which acknowledgement it applied', () => {
    const r = runCli(['attribution', '--json', '--db', torn], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('ok');
    expect(out.effects.length).toBeGreaterThan(0);
    expect(out.data_quality).toMatchObject({ since: null, until: null, critical: 0 });
    expect(out.data_quality.acknowledged).toEqual([
      expect.objectContaining({
        rule: 'capture_below_target',
        event_type: '*',
        who: 'ada',
        findings: [{ rule: 'capture_below_target', event_type: '*', severity: 'critical' }],
      }),
    ]);
  }, 180_000);

  it('analyses a window with --since/--until, and the gate judges that window', () => {
    const all = JSON.parse(runCli(['quality', '--json', '--db', torn], env).stdout);
    const r = runCli(
      ['attribution', '--json', '--db', torn, '--since', '2025-11-01', '--until', '2025-12-01'],
      env,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.data_window).toMatchObject({ since: '2025-11-01', until: '2025-12-01' });
    expect(out.data_window.start >= '2025-11-01').toBe(true);
    expect(out.data_window.end < '2025-12-01').toBe(true);
    expect(out.data_window.applications).toBeGreaterThan(100);
    // The torn lines arrived (and claim no time) after the window: nothing critical in it.
    expect(out.data_quality).toMatchObject({
      since: '2025-11-01',
      until: '2025-12-01',
      critical: 0,
      acknowledged: [],
    });
    const q = JSON.parse(
      runCli(
        ['quality', '--json', '--db', torn, '--since', '2025-11-01', '--until', '2025-12-01'],
        env,
      ).stdout,
    );
    expect(q.checked_events).toBeLessThan(all.checked_events);
    expect(q.as_of < '2025-12-01').toBe(true);
  }, 180_000);

  it('refuses window bounds that are not dates or out of order', () => {
    const bad = runCli(['attribution', '--db', torn, '--until', '2025-02-30'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--until '2025-02-30' is not a date");
    expect(bad.stderr).toContain('fix:');
    const order = runCli(
      ['attribution', '--db', torn, '--since', '2025-12-01', '--until', '2025-11-01'],
      env,
    );
    expect(order.code).toBe(1);
    expect(order.stderr).toContain('since (2025-12-01) must be before until (2025-11-01)');
  });
});
