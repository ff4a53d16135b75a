import { naiveDifference, refuterSettings, withinUnitEffect } from '@hirelearn/causal';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { attributeTable, questionData, type OutcomeAttribution } from './run';
import { attributionSettings } from './settings';
import { loadAnalysisTable, type AnalysisTable } from './table';
import { treatmentSpecs } from './treatments';
import { readIngested } from './testing/ingested';

/**
 * The timing traps of the simulator (organised users favour Tuesday mornings, organisation
 * raises interview chances, weekday and hour do nothing): naive gains, within-user nulls.
 */
const settings = attributionSettings({
  refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
});
const traps = ['applied_on_tuesday', 'applied_in_morning'];
let table: AnalysisTable;
let run: OutcomeAttribution;
/** The simulator's true interview probability of each row of `table`. */
let probability: number[];

beforeAll(async () => {
  const world = simulateWorld(defaultSimSettings({ users: 200, months: 6, seed: 3 }));
  const p = new Map(world.applications.map((a) => [a.application_id, a.probability]));
  table = await readIngested(world, loadAnalysisTable);
  probability = table.application_ids.map((id) => p.get(id)!);
  run = attributeTable(table, { settings, treatments: traps });
});

const effect = (name: string) => run.effects.find((e) => e.treatment === name)!;

describe('timing treatments compare the user with themselves', () => {
  it.each(traps)('%s: naive gain, within-user null, never HIGH', (name) => {
    const e = effect(name);
    expect(e.method).toBe('within_unit');
    expect(e.naive.confidence_interval![0]).toBeGreaterThan(0);
    expect(e.confidence_interval![0]).toBeLessThanOrEqual(0);
    expect(e.confidence_interval![1]).toBeGreaterThanOrEqual(0);
    expect(e.causal_confidence).not.toBe('HIGH');
    expect(e.estimates.within_unit).toBe(e.ate);
    expect(e.estimates.aipw).toEqual(expect.any(Number));
    expect(e.refutations.map((r) => r.name)).toEqual(
      expect.arrayContaining(['placebo_treatment', 'random_common_cause', 'data_subset']),
    );
  });

  it.each(traps)(
    '%s on the true interview probability: naive > 1.5 points, within user |τ| < 0.3 points',
    (name) => {
      // Without outcome noise the design alone is tested: the habit's trait is confounding
      // across users and nothing is left within them.
      const spec = treatmentSpecs(table, settings).find((s) => s.name === name)!;
      const d = { ...questionData(table, spec), outcome: probability };
      expect(naiveDifference(d).estimate).toBeGreaterThan(0.015);
      expect(Math.abs(withinUnitEffect(d).estimate)).toBeLessThan(0.003);
    },
  );
});
