import type { Experiment } from '@hirelearn/experiments';

/**
 * The simulator's randomized experiment (cover-letter assist, half and half, running since
 * 2026-01-01) as a domain object: the analysis specs start from it and change what they test.
 */
export function coverLetterExperiment(changes: Partial<Experiment> = {}): Experiment {
  return {
    experiment_id: 'exp-cover-letter-assist',
    name: 'Cover letter assist',
    hypothesis: 'Assisted cover letters raise interviews',
    component: 'resume_analysis',
    parameter: 'cover_letter_assist',
    variants: [
      { variant_id: 'control', value: false, allocation: 0.5 },
      { variant_id: 'assist', value: true, allocation: 0.5 },
    ],
    success_metric: 'interviews',
    guardrail_metrics: ['reached_interview', 'applications', 'ghosted_rate'],
    minimum_sample_size: 200,
    maximum_duration_days: 30,
    status: 'running',
    created_at: '2026-01-01T00:00:00Z',
    started_at: '2026-01-01T00:00:00Z',
    ended_at: null,
    seed: 'exp-cover-letter-assist',
    hash_version: 2,
    coverage: 1,
    namespace: null,
    ethics: {
      job_recommendation_change: 0,
      user_effort_change: 0,
      expected_benefit: 0.05,
      has_opt_out_path: true,
      has_rollback_plan: true,
    },
    outcome: null,
    shipped_variant: null,
    ...changes,
  };
}
