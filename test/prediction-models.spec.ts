import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { learnFitWeights, trainEnsemble, type LabelledApplication } from '@hirelearn/ml';
import { loadLabelledApplications } from '@hirelearn/training';
import { defaultSimSettings, simulateWorld, type SimTruth } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';

/**
 * The models trained on the facts of a simulated world, against its planted truths. The
 * world plants a stronger fit effect than the default (fit.scale 0.4 instead of 0.12) so
 * that 300 users carry enough signal to recover the weights; the true weights are the
 * simulator's own (`truth.fit_weights.true`).
 */
describe('models on a simulated world', () => {
  let dir: string;
  let rows: LabelledApplication[];
  let truth: SimTruth;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-prediction-'));
    const world = simulateWorld(
      defaultSimSettings({ users: 300, months: 6, seed: 1, fit: { scale: 0.4 } }),
    );
    truth = world.truth;
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    const store = await EventStore.open('duckdb::memory:');
    try {
      await ingest(store, [file]);
      rows = await loadLabelledApplications(store);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads labelled applications without protected attributes', () => {
    expect(rows.length).toBeGreaterThan(5000);
    expect(rows.some((r) => r.reached_interview)).toBe(true);
    expect(Object.keys(rows[0]).join(' ')).not.toMatch(/protected|gender|race|ethnic/);
    expect(rows.filter((r) => r.user_seniority).length / rows.length).toBeGreaterThan(0.9);
  });

  it('recovers the planted fit weights and beats the current weights on held-out AUC', () => {
    const r = learnFitWeights(rows, { seed: 1, bootstrap: 100 });
    if (r.status !== 'ok') throw new Error(r.reason);
    const planted = truth.fit_weights.true;
    for (const c of ['technical', 'seniority', 'experience', 'signal'] as const) {
      expect(Math.abs(r.learned_weights[c] - planted[c])).toBeLessThan(0.1);
    }
    expect(r.current_weights).toEqual(truth.fit_weights.current);
    expect(r.auc_learned.auc).toBeGreaterThan(r.auc_current.auc);
  });

  it('reports the ensemble against each member on held-out log loss, and its calibration', async () => {
    const t = await trainEnsemble(rows, { seed: 1, network: { epochs: 6 } });
    if (t.status !== 'ok') throw new Error(t.reason);
    const m = t.artifact.metrics;
    const members = Object.values(m.members);
    expect(members).toHaveLength(3);
    // Reported, not assumed: the flag says whether the ensemble beat every member.
    expect(m.beats_every_member).toBe(members.every((x) => m.ensemble.log_loss < x.log_loss));
    // Stacking cannot do worse than the best member by much: the simplex contains each member.
    const best = Math.min(...members.map((x) => x.log_loss));
    expect(m.ensemble.log_loss).toBeLessThan(best + 0.01);
    expect(m.ensemble.ece).not.toBeNull();
    expect(m.ensemble.ece as number).toBeLessThan(0.05);
    expect(m.ensemble.auc as number).toBeGreaterThan(0.6);
  });
});
