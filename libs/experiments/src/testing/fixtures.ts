/** Experiments for the specs (test support, not exported from the lib). */
import { Experiment, ExperimentDefinition } from '../types';

export const PASSING_ETHICS = Object.freeze({
  job_recommendation_change: 0,
  user_effort_change: 0,
  expected_benefit: 0.1,
  has_opt_out_path: true,
  has_rollback_plan: true,
});

export function definition(overrides: Partial<ExperimentDefinition> = {}): ExperimentDefinition {
  return {
    experiment_id: 'exp-threshold',
    name: 'Lower strategy threshold',
    hypothesis: 'A lower apply threshold raises interviews without more ghosting',
    component: 'strategy_engine',
    parameter: 'apply_threshold',
    variants: [
      { variant_id: 'control', value: 70, allocation: 0.5 },
      { variant_id: 'lower', value: 60, allocation: 0.5 },
    ],
    success_metric: 'interviews',
    guardrail_metrics: ['ghosted_rate', 'applications'],
    ethics: PASSING_ETHICS,
    ...overrides,
  };
}

export function runningExperiment(overrides: Partial<Experiment> = {}): Experiment {
  const d = definition();
  return {
    experiment_id: d.experiment_id,
    name: d.name,
    hypothesis: d.hypothesis,
    component: d.component,
    parameter: d.parameter,
    variants: d.variants,
    success_metric: d.success_metric,
    guardrail_metrics: d.guardrail_metrics ?? [],
    minimum_sample_size: 200,
    maximum_duration_days: 30,
    status: 'running',
    created_at: '2026-01-01T00:00:00.000Z',
    started_at: '2026-01-01T00:00:00.000Z',
    ended_at: null,
    seed: 'exp-threshold-seed',
    hash_version: 2,
    coverage: 1,
    namespace: null,
    ethics: PASSING_ETHICS,
    outcome: null,
    shipped_variant: null,
    ...overrides,
  };
}
