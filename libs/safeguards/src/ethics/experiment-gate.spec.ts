import { type ExperimentProposal, checkExperimentEthics } from './experiment-gate';

const good: ExperimentProposal = {
  job_recommendation_change: -0.1,
  user_effort_change: 0.2,
  expected_benefit: 0.08,
  has_opt_out_path: true,
  has_rollback_plan: true,
};

describe('checkExperimentEthics', () => {
  it('passes a proposal within every rule', () => {
    expect(checkExperimentEthics(good)).toEqual({ status: 'passed', passed: true, violations: [] });
  });

  it('passes exactly at the thresholds', () => {
    const edge = {
      ...good,
      job_recommendation_change: 1 - 1.2, // −0.2 with float noise
      user_effort_change: 0.5,
      expected_benefit: 0.05,
    };
    expect(checkExperimentEthics(edge).passed).toBe(true);
  });

  it.each([
    ['job_recommendation_cut', { job_recommendation_change: -0.21 }],
    ['user_effort_rise', { user_effort_change: 0.51 }],
    ['expected_benefit', { expected_benefit: 0.049 }],
    ['opt_out_path', { has_opt_out_path: false }],
    ['rollback_plan', { has_rollback_plan: false }],
    ['job_recommendation_cut', { job_recommendation_change: NaN }],
  ] as const)('fails %s alone', (rule, change) => {
    const r = checkExperimentEthics({ ...good, ...change });
    expect(r.passed).toBe(false);
    expect(r.status).toBe('refused');
    expect(r.violations.map((v) => v.rule)).toEqual([rule]);
    expect(Object.keys(good)).toContain(r.violations[0].field);
    expect(r.violations[0].message.length).toBeGreaterThan(0);
  });

  it('names every violated rule at once', () => {
    const r = checkExperimentEthics({
      job_recommendation_change: -0.5,
      user_effort_change: 2,
      expected_benefit: 0,
      has_opt_out_path: false,
      has_rollback_plan: false,
    });
    expect(r.violations.map((v) => v.rule)).toEqual([
      'job_recommendation_cut',
      'user_effort_rise',
      'expected_benefit',
      'opt_out_path',
      'rollback_plan',
    ]);
    expect(r.violations[0].message).toContain('-50.0%');
  });

  it('uses thresholds from the settings object', () => {
    const strict = { max_job_recommendation_cut: 0.05, min_expected_benefit: 0.1 };
    expect(checkExperimentEthics(good, strict).violations.map((v) => v.rule)).toEqual([
      'job_recommendation_cut',
      'expected_benefit',
    ]);
  });

  it('refuses, naming the field and the rule, when a gate setting is invalid', () => {
    const r = checkExperimentEthics(good, { max_user_effort_rise: -1 });
    expect(r).toEqual({
      status: 'invalid_settings',
      passed: false,
      violations: [
        {
          rule: 'invalid_settings',
          field: 'settings.max_user_effort_rise',
          message: 'settings.max_user_effort_rise: must be a finite number >= 0, got -1',
        },
      ],
    });
    const both = checkExperimentEthics(good, {
      max_job_recommendation_cut: NaN,
      min_expected_benefit: Infinity,
    });
    expect(both.violations.map((v) => v.field)).toEqual([
      'settings.max_job_recommendation_cut',
      'settings.min_expected_benefit',
    ]);
    // A proposal that breaks rules too is still refused for the settings alone: the gate
    // cannot judge it until they are fixed.
    const bad = checkExperimentEthics(
      { ...good, has_rollback_plan: false },
      { max_user_effort_rise: -1 },
    );
    expect(bad.violations.map((v) => v.rule)).toEqual(['invalid_settings']);
  });
});
