import { balanceTable } from './balance';
import { makeEffect } from './effect';
import { gradeEffect, gradingSettings } from './grading';
import { checkOverlap } from './overlap';
import { EffectEstimate, Refutation } from './types';

const effect = (over: Partial<EffectEstimate> = {}): EffectEstimate => ({
  ...makeEffect(
    {
      method: 'aipw',
      estimand: 'ATE',
      estimate: 0.1,
      std_error: 0.02,
      n: 400,
      n_treated: 200,
      n_control: 200,
      status: 'ok',
      reasons: [],
    },
    0.05,
  ),
  q_value: 0.001,
  ...over,
});
const pass = (name: Refutation['name']): Refutation => ({
  name,
  passed: true,
  detail: '',
  values: {},
});
const goodOverlap = checkOverlap([0.3, 0.5, 0.6, 0.4], [1, 1, 0, 0]);
// Equal means after weighting: treated x = [1, 3], control x = [1, 3] (weights 1) → SMD 0.
const goodBalance = balanceTable(
  { outcome: [0, 0, 0, 0], treatment: [1, 1, 0, 0], covariates: { x: [1, 3, 1, 3] } },
  [1, 1, 1, 1],
);
const good = {
  effect: effect(),
  overlap: goodOverlap,
  balance: goodBalance,
  refutations: [pass('placebo_treatment'), pass('random_common_cause'), pass('data_subset')],
};

describe('gradeEffect', () => {
  it('HIGH when every criterion holds', () => {
    expect(gradeEffect(good)).toEqual({ confidence: 'HIGH', reasons: [] });
  });

  it.each([
    ['29 treated', { effect: effect({ n_treated: 29 }) }, 'MEDIUM', /29 treated units < 30/],
    ['q-value 0.2', { effect: effect({ q_value: 0.2 }) }, 'MEDIUM', /q-value 0.200 > 0.05/],
    ['no q-value', { effect: effect({ q_value: null }) }, 'MEDIUM', /q-value not computed/],
    // Seed 3's null Monday: significant after FDR, short of strong evidence.
    [
      'p-value 0.0019',
      { effect: effect({ p_value: 0.0019, q_value: 0.006 }) },
      'MEDIUM',
      /p-value 0.0019 > 0.001 \(significant, not yet strong evidence\)/,
    ],
    ['no refuters', { refutations: [] }, 'MEDIUM', /no refuter/],
    [
      'failed refuter',
      { refutations: [{ ...pass('data_subset'), passed: false }] },
      'LOW',
      /data_subset failed/,
    ],
    [
      'no overlap',
      { overlap: checkOverlap([0.01, 0.99, 0.5], [1, 0, 1]) },
      'LOW',
      /overlap failed/,
    ],
    ['status', { effect: effect({ status: 'no_overlap' }) }, 'LOW', /status no_overlap/],
  ] as const)('%s → %s', (_, change, confidence, reason) => {
    const g = gradeEffect({ ...good, ...change });
    expect(g.confidence).toBe(confidence);
    expect(g.reasons.join('\n')).toMatch(reason);
  });

  it('imbalance after adjustment (|SMD| ≥ 0.1) is MEDIUM', () => {
    const imbalanced = balanceTable(
      { outcome: [0, 0, 0, 0], treatment: [1, 1, 0, 0], covariates: { x: [1, 3, 0, 2] } },
      [1, 1, 1, 1],
    );
    const g = gradeEffect({ ...good, balance: imbalanced });
    expect(g.confidence).toBe('MEDIUM');
    expect(g.reasons[0]).toMatch(/max \|SMD\| after adjustment 0.707/);
  });

  it('IV cross-check: agreement keeps HIGH, disagreement is LOW, a weak instrument MEDIUM', () => {
    const agree = { effect: effect({ estimate: 0.12, ci: [0.05, 0.19] }), first_stage_f: 50 };
    expect(gradeEffect({ ...good, iv: agree }).confidence).toBe('HIGH');
    const disagree = { effect: effect({ estimate: -0.3, ci: [-0.4, -0.2] }), first_stage_f: 50 };
    expect(gradeEffect({ ...good, iv: disagree }).confidence).toBe('LOW');
    expect(gradeEffect({ ...good, iv: { ...agree, first_stage_f: 4 } }).confidence).toBe('MEDIUM');
  });

  it('thresholds come from settings', () => {
    const g = gradeEffect(
      { ...good, effect: effect({ n_treated: 20 }) },
      gradingSettings({ min_treated: 10 }),
    );
    expect(g.confidence).toBe('HIGH');
    const weak = { ...good, effect: effect({ p_value: 0.0019, q_value: 0.006 }) };
    expect(gradeEffect(weak, gradingSettings({ max_p_value: 0.005 })).confidence).toBe('HIGH');
  });
});
