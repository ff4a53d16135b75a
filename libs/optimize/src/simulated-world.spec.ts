/**
 * The optimizers on a small simulated world's real attribution (200 users, 6 months): every
 * planted helpful edit the attribution grades HIGH becomes a recommendation; the null edit that
 * stronger users make (reorganized_sections) and the Tuesday trap never do.
 */
import {
  attributeTable,
  attributionSettings,
  loadAnalysisTable,
  type AnalysisTable,
  type OutcomeAttribution,
} from '@hirelearn/attribution';
import { refuterSettings } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld, type SimTruth } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { optimizeResumeEdits } from './resume-edits';
import { optimizeTiming } from './timing';

let table: AnalysisTable;
let truth: SimTruth;
let run: OutcomeAttribution;

beforeAll(async () => {
  const world = simulateWorld(defaultSimSettings({ users: 200, months: 6, seed: 3 }));
  truth = world.truth;
  // The world through the real ingest into an in-memory store, then the attribution's table.
  const dir = mkdtempSync(path.join(tmpdir(), 'optimize-world-'));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, world.lines.join('\n'));
  const store = await EventStore.open('duckdb::memory:');
  try {
    await ingest(store, [file]);
    table = await loadAnalysisTable(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  run = attributeTable(table, {
    settings: attributionSettings({
      refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
      workers: 1,
    }),
    treatments: [...table.edit_types, 'applied_on_tuesday'],
    designs: { did: true },
    now: new Date('2026-07-01T00:00:00Z'),
  });
}, 120_000);

describe('optimizers on a simulated world', () => {
  it('every planted helpful edit graded HIGH becomes a recommendation; reorganized_sections never', () => {
    const r = optimizeResumeEdits({ attribution: run, edit_types: table.edit_types });
    const rec = r.recommendations.find((x) => x.parameter === 'resume_edit_priority');
    const recommended = new Set((rec?.recommended_value ?? []) as string[]);
    const planted = (t: string) => (truth.treatments as Record<string, { ate: number }>)[t].ate;
    const highHelpful = run.effects.filter(
      (e) =>
        table.edit_types.includes(e.treatment) &&
        e.method !== 'did' &&
        e.causal_confidence === 'HIGH' &&
        planted(e.treatment) > 0,
    );
    expect(highHelpful.length).toBeGreaterThan(0);
    for (const e of highHelpful) expect(recommended).toContain(e.treatment);
    expect(planted('reorganized_sections')).toBe(0);
    expect(recommended).not.toContain('reorganized_sections');
    for (const t of recommended) expect(planted(t)).toBeGreaterThan(0);
  });

  it('the Tuesday trap never moves the timing preferences', () => {
    const y = table.columns.reached_interview;
    const r = optimizeTiming({
      // The analysis table has no response flag: the interview stands in for it here.
      applications: table.user_ids.map((u, i) => ({
        user_id: u,
        submitted_at: table.submitted_at[i],
        responded: y[i] === 1,
        reached_interview: y[i] === 1,
      })),
      attribution: run,
    });
    const days = r.recommendations.find((x) => x.parameter === 'submission_days');
    expect(days?.recommended_value ?? []).not.toEqual(['tue']);
    expect(r.analysis.by_weekday[1].within_user!.not_actionable).not.toBeNull();
  });
});
