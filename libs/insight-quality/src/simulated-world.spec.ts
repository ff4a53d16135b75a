/**
 * The quality report on a simulated world whose causes are known (200 users, 12 months, seed
 * 42). Halfway through, every user is delivered one insight per resume edit, promising what
 * the attribution of the first half found; the second half is the outcome. Users who follow a
 * planted helpful edit are measured as improving, the planted null edit
 * (`reorganized_sections`, taken by stronger users) as no lift, and the promised lifts hold
 * within their intervals.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { attributeTable, attributionSettings, loadAnalysisTable } from '@hirelearn/attribution';
import { refuterSettings } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld, type SimTruth } from '@hirelearn/sim';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { DeliveryLog } from './delivery-log';
import { measureInsightQuality } from './measure';
import { predictedEffectOf } from './predicted-effect';
import type { InsightQualityReport } from './report';
import type { InsightOutcome } from './realized';

let report: InsightQualityReport;
let truth: SimTruth;

/** The measurement reads the second half whole: acting any time in it, outcomes to its end. */
const SETTINGS = {
  acted_on_window_days: 150,
  baseline_days: 120,
  outcome_days: 180,
  // 200 users: about 30 act on each edit (the default minimum is the grading's 30).
  min_users: 20,
  // One month of deliveries: its HIGH insights are few.
  min_insights: 1,
};

beforeAll(async () => {
  const world = simulateWorld(defaultSimSettings({ users: 200, months: 12, seed: 42 }));
  truth = world.truth;
  const dir = mkdtempSync(path.join(tmpdir(), 'insight-quality-world-'));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, world.lines.join('\n'));
  const events = await EventStore.open('duckdb::memory:');
  const documents = await openDocumentStore('sqlite::memory:');
  try {
    await ingest(events, [file]);
    const mid = new Date(
      (Date.parse(truth.window.start) + Date.parse(truth.window.end)) / 2,
    ).toISOString();
    // What the attribution of the first half promises for each edit.
    const table = await loadAnalysisTable(events, { until: mid });
    const firstHalf = attributeTable(table, {
      settings: attributionSettings({
        refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
        workers: 1,
      }),
      treatments: [...table.edit_types],
      now: new Date(mid),
    });
    const users = [...new Set(table.user_ids)];
    const log = new DeliveryLog(documents);
    for (const effect of firstHalf.effects) {
      const promise = predictedEffectOf(effect);
      if (promise === null) continue;
      await log.record(
        users.map((user_id) => ({
          user_id,
          delivered_at: mid,
          kind: 'weekly_insight' as const,
          source_id: 'simulated-midpoint',
          action: {
            type: 'resume_edit' as const,
            edit_type: effect.treatment,
            description: `edit your resume: ${effect.treatment}`,
          },
          predicted_effect: promise,
          confidence: effect.causal_confidence,
          evidence: [{ kind: 'causal_effect', id: `first-half/${effect.treatment}`, summary: '' }],
        })),
      );
    }
    report = await measureInsightQuality(events, documents, { settings: SETTINGS });
  } finally {
    await events.close();
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

const insightOf = (edit: string): InsightOutcome => {
  const i = report.insights.find(
    (x) => x.action.type === 'resume_edit' && x.action.edit_type === edit,
  );
  if (!i) throw new Error(`no insight for ${edit}`);
  return i;
};
const planted = (edit: string) =>
  (truth.treatments as Record<string, { ate: number; total_ate?: number }>)[edit];

describe('insight quality on a simulated world', () => {
  it('measures every edit insight, with who acted and a realized lift on enough users', () => {
    expect(report.insights).toHaveLength(5);
    for (const i of report.insights) {
      expect(i.acted_on).toMatchObject({ status: 'ok' });
      expect(i.acted_on.rate).toBeGreaterThan(0.1);
      expect(i.lift).toMatchObject({ status: 'ok', comparison: 'non_actors' });
      expect(i.lift.informative_actors).toBeGreaterThanOrEqual(SETTINGS.min_users);
    }
  });

  it('users who follow a planted helpful edit are measured as improving', () => {
    const metrics = insightOf('added_metrics_to_bullets');
    expect(planted('added_metrics_to_bullets').ate).toBeGreaterThan(0.05);
    expect(metrics.lift.interval![0]).toBeGreaterThan(0);
    expect(metrics.actors.estimate!).toBeGreaterThan(metrics.non_actors.estimate!);
    for (const edit of ['added_keywords', 'strengthened_action_verbs', 'added_certifications'])
      expect(insightOf(edit).lift.estimate!).toBeGreaterThan(0);
  });

  it('the planted null edit is measured as no lift (the unadjusted comparison would show one)', () => {
    const reorganized = insightOf('reorganized_sections');
    expect(planted('reorganized_sections').ate).toBe(0);
    expect(reorganized.lift.interval![0]).toBeLessThan(0);
    expect(reorganized.lift.interval![1]).toBeGreaterThan(0);
    // Its actors' own rate did rise: they made other, helpful edits at the same time.
    expect(reorganized.actors.estimate! - reorganized.non_actors.estimate!).toBeGreaterThan(0.04);
  });

  it("every realized lift's interval holds the simulator's true effect of the edit", () => {
    for (const i of report.insights) {
      const edit = (i.action as { edit_type: string }).edit_type;
      const total = planted(edit).total_ate ?? planted(edit).ate;
      expect({ edit, lo: i.lift.interval![0] <= total, hi: total <= i.lift.interval![1] }).toEqual({
        edit,
        lo: true,
        hi: true,
      });
    }
  });

  it('the promised lifts are calibrated: each realized lift lies within its promised interval', () => {
    expect(report.calibration.insights).toBe(5);
    expect(report.calibration.within_predicted_interval).toMatchObject({ count: 5, n: 5 });
    expect(report.calibration.consistent).toMatchObject({ count: 5, n: 5 });
    // Realized minus promised, across insights: a promise is the edit's direct effect, while acting
    // also raises the resume score, so the realized lift runs above it by the planted difference
    // between the edit's total and direct effects (about a point), not by more.
    const err = report.calibration.mean_error;
    const edits = report.insights.map((i) =>
      planted((i.action as { edit_type: string }).edit_type),
    );
    const scoreShare =
      edits.reduce((sum, e) => sum + (e.total_ate ?? e.ate) - e.ate, 0) / edits.length;
    expect(err.interval![0]).toBeLessThanOrEqual(scoreShare);
    expect(err.interval![1]).toBeGreaterThanOrEqual(scoreShare);
  });

  it('HIGH-confidence precision: the month of delivery, each HIGH promise held by its realized lift', () => {
    const high = report.insights.filter((i) => i.confidence === 'HIGH');
    expect(high.length).toBeGreaterThan(0);
    const [month] = report.high_confidence_precision;
    expect(report.high_confidence_precision).toHaveLength(1);
    expect(month).toMatchObject({ status: 'ok', measured: high.length, count: high.length });
    expect(month.interval![1]).toBe(1);
  });

  it('helpfulness from the answers to suggestions, with its n and interval; no user id in the report', () => {
    const h = report.helpfulness;
    expect(h.status).toBe('ok');
    expect(h.accepted + h.edited + h.rejected).toBe(h.n);
    expect(h.interval![0]).toBeLessThan(h.rate!);
    expect(JSON.stringify(report)).not.toMatch(/user-\d/);
  });
});
