import { withQValues } from '@hirelearn/causal';
import { defaultSimSettings, simulateWorld, type SimTruth } from '@hirelearn/sim';
import { designEffect, type DesignEffect } from './design-study';
import { loadRdStudyData, rdStudy, type RdStudyData } from './rd-study';
import { DEFAULT_ATTRIBUTION_SETTINGS } from './settings';
import { readIngested } from './testing/ingested';

/** One 400-user × 6-month world for the file: ~12.9k applications, ~50 users each side of 60. */
let truth: SimTruth;
let data: RdStudyData;
let effect: DesignEffect;

const settings = DEFAULT_ATTRIBUTION_SETTINGS;
const graded = (d: RdStudyData) => {
  const study = rdStudy(d, settings);
  return designEffect(study, withQValues([study.primary])[0], settings.grading);
};

beforeAll(async () => {
  const world = simulateWorld(defaultSimSettings({ users: 400, months: 6, seed: 3 }));
  truth = world.truth;
  data = await readIngested(world, (store) => loadRdStudyData(store, settings.rd));
  effect = graded(data);
});

describe('strategy-threshold regression discontinuity', () => {
  it('uses the cutoff truth.json plants, the mode learned below it, and a sharp design', () => {
    expect(settings.rd.cutoff).toBe(truth.regression_discontinuity.cutoff);
    expect(data.below_mode).toBe('IMPROVE_RESUME_FIRST');
    expect(effect.design.design).toBe('sharp');
    expect(effect.design.bandwidth_method).toBe('mserd');
    expect(effect.method).toBe('rd');
    expect(effect.treatment).toBe('strategy_mode_at_threshold');
  });

  it('recovers the planted jump: positive, its interval covering truth.json', () => {
    const jump = truth.regression_discontinuity.jump;
    expect(effect.status).toBe('ok');
    expect(effect.ate).toBeGreaterThan(0);
    const [lo, hi] = effect.confidence_interval!;
    expect(lo).toBeLessThanOrEqual(jump);
    expect(hi).toBeGreaterThanOrEqual(jump);
    // The naive comparison of modes (all scores) is far larger: the score itself helps.
    expect(effect.naive.ate!).toBeGreaterThan(2 * jump);
  });

  it('shows no jump at the placebo cutoff 80 and passes the density test', () => {
    const placebo = effect.refutations.find((r) => r.name === 'placebo_cutoff_80')!;
    expect(truth.regression_discontinuity.placebo_cutoffs).toEqual([{ cutoff: 80, jump: 0 }]);
    expect(placebo.passed).toBe(true);
    expect(Math.abs(placebo.values.estimate)).toBeLessThanOrEqual(placebo.values.std_error * 1.96);
    const density = effect.refutations.find((r) => r.name === 'density_test')!;
    expect(density.passed).toBe(true);
    expect(density.values.below + density.values.above).toBeGreaterThan(30);
  });

  it('carries every field of a CausalEffect', () => {
    for (const k of [
      'ate',
      'att',
      'confidence_interval',
      'p_value',
      'q_value',
      'causal_confidence',
      'estimates',
      'sample_size',
      'treatment_group_size',
      'control_group_size',
      'refutations',
      'reasons',
      'recommendation',
    ]) {
      expect(effect).toHaveProperty(k);
    }
    expect(effect.sample_size).toBe(effect.treatment_group_size + effect.control_group_size);
    expect(Object.keys(effect.estimates)).toEqual(['rd', 'rd_at_80']);
  });

  it('moves to a fuzzy design when the mode is not a function of the score', () => {
    // Flip the mode of every 10th application: the Wald ratio of the two jumps, a LATE.
    const treated = data.treated.map((d, i) => (i % 10 === 0 ? 1 - d : d));
    const fuzzy = graded({ ...data, treated });
    expect(fuzzy.design.design).toBe('fuzzy');
    expect(fuzzy.design.first_stage_jump).toBeGreaterThan(0.6);
    expect(fuzzy.design.first_stage_jump).toBeLessThan(1);
    // Same reduced-form jump divided by a first stage below 1: a larger effect.
    expect(fuzzy.ate!).toBeGreaterThan(effect.ate!);
    expect(fuzzy.reasons.join(' ')).toMatch(/fuzzy/);
  });

  it('grades a density jump at the cutoff LOW (manipulation of the score)', () => {
    const bunched = graded({ ...data, density: { below: 20, above: 60 } });
    expect(bunched.refutations.find((r) => r.name === 'density_test')!.passed).toBe(false);
    expect(bunched.causal_confidence).toBe('LOW');
  });

  it('reports a store with no application below the cutoff as a status, not a throw', () => {
    const above = data.running.flatMap((x, i) => (x >= 60 ? [i] : []));
    const pick = <T>(col: readonly T[]) => above.map((i) => col[i]);
    const e = graded({
      ...data,
      outcome: pick(data.outcome),
      running: pick(data.running),
      treated: pick(data.treated),
      clusters: pick(data.clusters),
    });
    expect(e.status).toBe('no_control');
    expect(e.causal_confidence).toBe('LOW');
    expect(e.ate).toBeNull();
  });
});
