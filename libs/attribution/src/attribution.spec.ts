import { refuterSettings } from '@hirelearn/causal';
import { defaultSimSettings, simulateWorld, type SimTruth } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { attributionSettings } from './settings';
import { loadAnalysisTable, type AnalysisTable } from './table';
import { attributeTable, runAttribution, type OutcomeAttribution } from './run';
import { plantedEffect } from './testing/truth';
import { treatmentSpecs } from './treatments';
import { readIngested } from './testing/ingested';

/** One small world for the file; fewer refuter repeats keep the run fast. */
const settings = attributionSettings({
  refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
});
let table: AnalysisTable;
let truth: SimTruth;
let run: OutcomeAttribution;
const studied = ['added_metrics_to_bullets', 'reorganized_sections', 'applied_on_tuesday'];

beforeAll(async () => {
  const world = simulateWorld(defaultSimSettings({ users: 200, months: 6, seed: 3 }));
  truth = world.truth;
  table = await readIngested(world, loadAnalysisTable);
  run = attributeTable(table, {
    settings,
    treatments: studied,
    now: new Date('2026-01-02T00:00:00Z'),
  });
});

const effect = (name: string) => {
  const e = run.effects.find((x) => x.treatment === name);
  if (e === undefined) throw new Error(`no effect ${name}`);
  return e;
};

describe('analysis table', () => {
  it('has one row per application of the simulator, as truth.json counts them', () => {
    expect(table.n).toBe(truth.treatments.tailoring_applied.n_applications);
  });

  it('defines every treatment exactly as the simulator does (treated counts equal)', () => {
    const specs = treatmentSpecs(table, settings);
    const count = (name: string) =>
      specs.find((s) => s.name === name)!.indicator.reduce((a, b) => a + b, 0);
    for (const t of table.edit_types) {
      expect([t, count(t)]).toEqual([t, plantedEffect(truth.treatments, t)!.n_treated]);
    }
    expect(count('tailoring_applied')).toBe(truth.treatments.tailoring_applied.n_treated);
    expect(count('applied_on_tuesday')).toBe(truth.treatments.submitted_on_tuesday.n_treated);
    expect(count('applied_in_morning')).toBe(truth.treatments.submitted_in_morning.n_treated);
  });

  it('marks the instrument of an edit for users shown that suggestion, as truth.json counts them', () => {
    const type = 'added_keywords';
    const suggested = new Set(
      table.user_ids.filter((_, i) => table.columns[`suggested:${type}`][i] === 1),
    );
    const usersWithApps = new Set(table.user_ids);
    const planted = Object.entries(truth.hidden_users).filter(
      ([id, h]) => usersWithApps.has(id) && h.suggestions_shown.includes(type),
    ).length;
    expect(suggested.size).toBe(planted);
  });
});

describe('attribution run', () => {
  it('carries every field of the output, sorted by q-value', () => {
    expect(run.generated_at).toBe('2026-01-02T00:00:00.000Z');
    expect(run.data_window.applications).toBe(table.n);
    expect(run.effects.map((e) => e.treatment).sort()).toEqual([...studied].sort());
    const qs = run.effects.map((e) => e.q_value ?? Infinity);
    expect(qs).toEqual([...qs].sort((a, b) => a - b));
    for (const e of run.effects) {
      expect(e.outcome).toBe('interview');
      expect(e.method).toBe(e.treatment === 'applied_on_tuesday' ? 'within_unit' : 'aipw');
      expect(e.sample_size).toBe(e.treatment_group_size + e.control_group_size);
      expect(Object.keys(e.estimates)).toEqual(
        expect.arrayContaining(['aipw', 'ipw', 'ipw_att', 'ps_matching', 'naive_difference']),
      );
      expect(e.refutations.map((r) => r.name)).toEqual(
        expect.arrayContaining(['placebo_treatment', 'random_common_cause', 'data_subset']),
      );
      expect(typeof e.recommendation).toBe('string');
    }
  });

  it('finds the planted +6 point edit with the right sign, its interval covering the truth', () => {
    const e = effect('added_metrics_to_bullets');
    const t = truth.treatments.added_metrics_to_bullets.ate;
    expect(e.ate!).toBeGreaterThan(0.02);
    expect(e.confidence_interval![0]).toBeLessThanOrEqual(t);
    expect(e.confidence_interval![1]).toBeGreaterThanOrEqual(t);
    expect(e.instrument?.first_stage_f).toBeGreaterThan(10);
  });

  it('shows the Tuesday trap: a naive gain, an adjusted null, never HIGH', () => {
    const e = effect('applied_on_tuesday');
    expect(e.naive.ate!).toBeGreaterThan(0.015);
    expect(e.naive.confidence_interval![0]).toBeGreaterThan(0);
    expect(e.confidence_interval![0]).toBeLessThanOrEqual(0);
    expect(e.confidence_interval![1]).toBeGreaterThanOrEqual(0);
    expect(e.causal_confidence).not.toBe('HIGH');
    expect(e.recommendation).toMatch(/no evidence|do not act/);
  });

  it('does not grade the null edit (reorganized sections) HIGH', () => {
    const e = effect('reorganized_sections');
    expect(e.causal_confidence).not.toBe('HIGH');
    expect(e.naive.ate!).toBeGreaterThan(e.ate!);
  });

  it('reports an empty store as insufficient data, not a throw', async () => {
    const store = await EventStore.open('duckdb::memory:');
    try {
      const empty = await runAttribution(store, { settings });
      expect(empty.status).toBe('insufficient_data');
      expect(empty.effects).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
