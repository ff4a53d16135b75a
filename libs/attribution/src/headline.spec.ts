import { makeEffect, type EffectEstimate } from '@hirelearn/causal';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { chooseHeadline, type DesignCandidate } from './headline';
import { attributeTable, type OutcomeAttribution } from './run';
import { attributionSettings, DEFAULT_HEADLINE_SETTINGS } from './settings';
import { loadAnalysisTable } from './table';
import { readIngested } from './testing/ingested';
import { SKILL_SELECTED_NULLS } from './testing/skill-selected-nulls';

const Z = 1.959964;
const aipw = (estimate: number, se: number): EffectEstimate =>
  makeEffect(
    {
      method: 'aipw',
      estimand: 'ATE',
      estimate,
      std_error: se,
      n: 1000,
      n_treated: 300,
      n_control: 700,
      status: 'ok',
      reasons: [],
    },
    0.05,
  );
const design = (method: 'did' | 'iv_2sls', estimate: number, se: number): DesignCandidate => ({
  method,
  estimate,
  std_error: se,
  ci: [estimate - Z * se, estimate + Z * se],
});

describe('the headline of an adjusted estimate beside design-based ones', () => {
  it("issue 12's held-out world: AIPW +0.66 [+0.35, +0.97] against a DiD of -0.0 publishes a span covering 0", () => {
    const h = chooseHeadline(
      aipw(0.0066, 0.0016),
      [design('did', -0.0001, 0.002)],
      DEFAULT_HEADLINE_SETTINGS,
    );
    expect(h.method).toBe('span:aipw+did');
    expect(h.spanned).toBe(true);
    expect(h.estimate).toBe(-0.0001);
    expect(h.std_error).toBeNull();
    expect(h.ci[0]).toBeCloseTo(-0.0001 - Z * 0.002, 12);
    expect(h.ci[1]).toBeCloseTo(0.0066 + Z * 0.0016, 8);
    expect(h.reason).toMatch(
      /did -0\.01 \[.*\] outside the adjusted interval \[\+0\.35, \+0\.97\]/,
    );
  });

  it('keeps the adjusted estimate when the designs fall inside its interval, or under policy adjusted', () => {
    const agree = chooseHeadline(
      aipw(0.05, 0.007),
      [design('iv_2sls', 0.055, 0.015), design('did', 0.045, 0.02)],
      DEFAULT_HEADLINE_SETTINGS,
    );
    expect(agree.method).toBe('aipw');
    expect(agree.estimate).toBe(0.05);
    expect(agree.reason).toMatch(/design-based estimates agree/);
    const asBefore = chooseHeadline(aipw(0.0066, 0.0016), [design('did', 0, 0.002)], {
      ...DEFAULT_HEADLINE_SETTINGS,
      policy: 'adjusted',
    });
    expect(asBefore.method).toBe('aipw');
    expect(asBefore.ci[0]).toBeGreaterThan(0);
    expect(asBefore.reason).toMatch(/policy 'adjusted'/);
  });

  it('spans every disagreeing design; the point is the most precise one', () => {
    const h = chooseHeadline(
      aipw(0.04, 0.005),
      [design('iv_2sls', 0.01, 0.01), design('did', 0.09, 0.02)],
      DEFAULT_HEADLINE_SETTINGS,
    );
    expect(h.method).toBe('span:aipw+iv_2sls+did');
    expect(h.estimate).toBe(0.01);
    expect(h.ci[0]).toBeCloseTo(0.01 - Z * 0.01, 12);
    expect(h.ci[1]).toBeCloseTo(0.09 + Z * 0.02, 12);
  });
});

/**
 * A world where two edits have no effect and are taken far more by stronger users (hidden
 * skill, which also moves interviews): the adjusted estimates of both are confounded upward.
 */
describe('two null edits taken by stronger users (seed 1, 300 users x 6 months)', () => {
  const NULLS = ['reorganized_sections', 'strengthened_action_verbs'] as const;
  let spanned: OutcomeAttribution;
  let adjusted: OutcomeAttribution;

  beforeAll(async () => {
    const world = simulateWorld(
      defaultSimSettings({ ...SKILL_SELECTED_NULLS, users: 300, months: 6, seed: 1 }),
    );
    for (const name of NULLS) expect(world.truth.treatments[name].ate).toBe(0);
    const table = await readIngested(world, loadAnalysisTable);
    const run = (policy: 'span' | 'adjusted') =>
      attributeTable(table, {
        settings: attributionSettings({ headline: { ...DEFAULT_HEADLINE_SETTINGS, policy } }),
        designs: { did: true },
        treatments: NULLS,
      });
    spanned = run('span');
    adjusted = run('adjusted');
  }, 120_000);

  const adjustedEntry = (r: OutcomeAttribution, name: string) =>
    r.effects.find((e) => e.treatment === name && e.method === 'aipw')!;

  it('before: the published (adjusted) intervals exclude the true 0', () => {
    for (const name of NULLS) {
      const e = adjustedEntry(adjusted, name);
      expect(e.headline_method).toBe('aipw');
      expect(e.confidence_interval![0]).toBeGreaterThan(0);
    }
  });

  it('now: the headline spans the disagreeing design-based estimates, covers 0, is not HIGH, and says so', () => {
    for (const name of NULLS) {
      const e = adjustedEntry(spanned, name);
      const before = adjustedEntry(adjusted, name);
      expect(e.headline_method).toMatch(/^span:aipw\+/);
      expect(e.headline_reason).toMatch(/outside the adjusted interval/);
      const [lo, hi] = e.confidence_interval!;
      expect(lo).toBeLessThanOrEqual(0);
      expect(hi).toBeGreaterThanOrEqual(0);
      expect(lo).toBeLessThanOrEqual(before.confidence_interval![0]);
      expect(hi).toBeGreaterThanOrEqual(before.confidence_interval![1]);
      expect(e.std_error).toBeNull();
      expect(e.causal_confidence).not.toBe('HIGH');
      // The adjusted estimate and its test stay beside the headline.
      expect(e.estimates.aipw).toBe(before.ate);
      expect(e.q_value).toBe(before.q_value);
    }
  });
});
