import {
  checkDataQuality,
  modelHealthCollection,
  predictionsCollection,
  runMonitor,
  type MonitorRun,
} from '@hirelearn/monitoring';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { registryTarget } from '@hirelearn/monitoring';
import { Registry } from '@hirelearn/registry';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { InMemoryRegistry } from '../libs/monitoring/src/testing/in-memory-registry';
import { buildMonitorWorld, type MonitorWorld } from '../libs/monitoring/src/testing/monitor-world';

/**
 * The monitor end to end on simulated worlds: a model trained on the first half logs a
 * prediction per application; outcomes come from the facts. When the hiring market turns
 * mid-way the monitor must ask the registry to roll back with its evidence; when it does not,
 * nothing is rolled back.
 */
async function monitorOn(world: MonitorWorld): Promise<{
  run: MonitorRun;
  registry: InMemoryRegistry;
  documents: DocumentStore;
}> {
  const documents = await openDocumentStore('sqlite::memory:');
  const predictions = predictionsCollection(documents);
  // Half the predictions carry the version as a string, as a service may log it.
  for (const [i, p] of world.predictions.entries()) {
    await predictions.insert(i % 2 === 0 ? p : { ...p, version: String(p.version) });
  }
  const registry = new InMemoryRegistry('interview-likelihood', [1, 2]);
  const run = await runMonitor({ events: world.store, documents, registry });
  return { run, registry, documents };
}

describe('the drift monitor on a world whose hiring market turns mid-way', () => {
  let world: MonitorWorld;
  let result: Awaited<ReturnType<typeof monitorOn>>;

  beforeAll(async () => {
    world = await buildMonitorWorld({ users: 150, months: 6, seed: 5, interviewBoost: 0.6 });
    result = await monitorOn(world);
  });
  afterAll(async () => {
    await world.store.close();
    await result.documents.close();
  });

  it('asks the registry to roll back to the previous version, with the evidence', () => {
    const [verdict] = result.run.versions;
    expect(verdict).toMatchObject({
      model: 'interview-likelihood',
      version: 2,
      rollback: 'requested',
    });
    expect(result.registry.production).toBe(1);
    expect(result.registry.transitions).toHaveLength(1);
    const { reason, by, from_version, to_version } = result.registry.transitions[0];
    expect({ by, from_version, to_version }).toEqual({
      by: 'drift-monitor',
      from_version: 2,
      to_version: 1,
    });
    expect(reason).toBe(verdict.evidence);
    expect(reason).toMatch(/ECE 0\.\d+ > 0\.2/);
    expect(reason).toContain('concept drift on the error stream: Page-Hinkley at');
  });

  it('stores a ModelHealth per window: calibrated before the turn, not after', async () => {
    const health = await modelHealthCollection(result.documents).find(
      { model: 'interview-likelihood' },
      { sort: { field: 'window_start', direction: 1 } },
    );
    expect(health.length).toBe(result.run.health_reports);
    const scored = health.filter((h) => h.status === 'ok');
    const before = scored.filter((h) => h.window_end <= world.change_at);
    const after = scored.filter((h) => h.window_start >= world.change_at);
    expect(before.length).toBeGreaterThan(2);
    expect(after.length).toBeGreaterThan(1);
    for (const h of before) {
      expect(h.ece).toBeLessThan(0.1);
      expect(h.critical).toEqual([]);
    }
    for (const h of after) {
      expect(h.ece).toBeGreaterThan(0.2);
      expect(h.critical).toContain('ece_above_threshold');
      expect(h.positive_rate!).toBeGreaterThan(h.mean_predicted! + 0.2);
    }
  });

  it('detects the change on the error stream after the turn, not before it', async () => {
    const health = await modelHealthCollection(result.documents).find({});
    const detections = health.flatMap((h) => h.page_hinkley_detections);
    expect(detections.length).toBeGreaterThan(0);
    const first = detections.sort()[0];
    expect(first >= world.change_at).toBe(true);
    // Detected within three weeks of the turn.
    expect(Date.parse(first) - Date.parse(world.change_at)).toBeLessThan(21 * 86_400_000);
  });
});

describe('the drift monitor with the real registry', () => {
  it('rolls production back to the previous version and records the evidence as the reason', async () => {
    const world = await buildMonitorWorld({ users: 100, months: 6, seed: 9, interviewBoost: 0.6 });
    const documents = await openDocumentStore('sqlite::memory:');
    const registry = await Registry.open({
      documents,
      artifactsDir: mkdtempSync(path.join(tmpdir(), 'hl-monitor-artifacts-')),
    });
    const model = 'interview-likelihood';
    for (const v of [1, 2]) {
      await registry.register({
        model,
        content: new TextEncoder().encode(`{"version":${v}}`),
        format: 'json_params',
        metrics: {},
        training_data_window: { start: '2025-07-01T00:00:00Z', end: world.change_at },
        seed: v,
        code_version: 'test',
        settings_hash: 'test',
        registered_by: 'test',
      });
      await registry.promote(model, v, { by: 'test', reason: `serve v${v}` });
    }
    const predictions = predictionsCollection(documents);
    for (const p of world.predictions) await predictions.insert(p);
    const run = await runMonitor({
      events: world.store,
      documents,
      registry: registryTarget(registry),
    });
    expect(run.versions).toHaveLength(1);
    expect(run.versions[0]).toMatchObject({
      version: 2,
      stage: 'production',
      rollback: 'requested',
    });
    expect((await registry.production(model))?.version).toBe(1);
    const last = (await registry.transitions(model)).at(-1)!;
    expect(last).toMatchObject({ version: 1, to_stage: 'production', by: 'drift-monitor' });
    expect(last.reason).toBe(run.versions[0].evidence);
    // Version 1 now serves and has no predictions yet: nothing more to roll back.
    const second = await runMonitor({
      events: world.store,
      documents,
      registry: registryTarget(registry),
    });
    expect(second.versions).toEqual([
      expect.objectContaining({ version: 1, windows: 0, rollback: 'not_needed' }),
    ]);
    await world.store.close();
    await documents.close();
  });
});

describe('the drift monitor on a world that does not change', () => {
  let world: MonitorWorld;
  let result: Awaited<ReturnType<typeof monitorOn>>;

  beforeAll(async () => {
    world = await buildMonitorWorld({ users: 150, months: 6, seed: 5, interviewBoost: 0 });
    result = await monitorOn(world);
  });
  afterAll(async () => {
    await world.store.close();
    await result.documents.close();
  });

  it('rolls nothing back and keeps every window calibrated', async () => {
    expect(result.run.versions[0]).toMatchObject({ rollback: 'not_needed', critical_windows: 0 });
    expect(result.registry.transitions).toEqual([]);
    expect(result.registry.production).toBe(2);
    const health = await modelHealthCollection(result.documents).find({ status: 'ok' });
    expect(health.length).toBeGreaterThan(5);
    for (const h of health) expect(h.ece).toBeLessThan(0.1);
    const counted = health.reduce((n, h) => n + h.n_predictions, 0);
    expect(counted).toBeGreaterThan(world.predictions.length);
  });

  it('replaces the reports of a window on a second run instead of duplicating them', async () => {
    const again = await runMonitor({
      events: world.store,
      documents: result.documents,
      registry: result.registry,
    });
    expect(again.health_reports).toBe(result.run.health_reports);
    const health = await modelHealthCollection(result.documents).find({});
    expect(health).toHaveLength(result.run.health_reports);
    expect(health.every((h) => h.revision === 2)).toBe(true);
  });

  it('raises nothing critical in the data-quality checks of the clean simulated log', async () => {
    const report = await checkDataQuality(world.store);
    expect(report.status).toBe('ok');
    expect(report.findings.filter((f) => f.severity === 'critical')).toEqual([]);
    expect(report.checked_events).toBeGreaterThan(10_000);
  });
});
