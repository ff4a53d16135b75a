/**
 * Between the experiments' domain objects and the `hirelearn.v1.Experiments` messages. Field
 * names agree; what differs is spelled out here: variant values travel as JSON text, absent
 * values (null) as empty strings, statuses and outcomes as enums, intervals as two doubles.
 */
import * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/rpc';
import type { ExperimentResults, MetricComparison } from '../analysis/results';
import type { Assignment } from '../assignment/assigner';
import type { ExperimentChange, ExperimentDecision } from '../catalog/documents';
import type {
  Experiment,
  ExperimentDefinition,
  ExperimentOutcome,
  ExperimentStatus,
  ExperimentVariant,
  Namespace,
  VariantValue,
} from '../types';

const STATUS_TO_PB: Readonly<Record<ExperimentStatus, pb.ExperimentStatus>> = {
  draft: pb.ExperimentStatus.EXPERIMENT_STATUS_DRAFT,
  running: pb.ExperimentStatus.EXPERIMENT_STATUS_RUNNING,
  paused: pb.ExperimentStatus.EXPERIMENT_STATUS_PAUSED,
  completed: pb.ExperimentStatus.EXPERIMENT_STATUS_COMPLETED,
};
const OUTCOME_TO_PB: Readonly<Record<ExperimentOutcome, pb.ExperimentOutcome>> = {
  rolled_out: pb.ExperimentOutcome.EXPERIMENT_OUTCOME_ROLLED_OUT,
  rolled_back: pb.ExperimentOutcome.EXPERIMENT_OUTCOME_ROLLED_BACK,
  stopped: pb.ExperimentOutcome.EXPERIMENT_OUTCOME_STOPPED,
};
const STATUS_FROM_PB = new Map<number, ExperimentStatus>(
  Object.entries(STATUS_TO_PB).map(([k, v]) => [v, k as ExperimentStatus]),
);

/** The status a request names; undefined for UNSPECIFIED (every status). */
export function statusFromPb(s: pb.ExperimentStatus, path: string): ExperimentStatus | undefined {
  if (s === pb.ExperimentStatus.EXPERIMENT_STATUS_UNSPECIFIED) return undefined;
  const status = STATUS_FROM_PB.get(s);
  if (!status) throw new InvalidArgumentError(`${path}: unknown experiment status ${s}`);
  return status;
}

const namespaceToPb = (n: Namespace | null): pb.ExperimentNamespace | undefined =>
  n ? { name: n[0], start: n[1], end: n[2] } : undefined;

const variantToPb = (v: ExperimentVariant): pb.ExperimentVariant => ({
  variant_id: v.variant_id,
  value_json: JSON.stringify(v.value),
  allocation: v.allocation,
});

export function experimentToPb(e: Experiment): pb.Experiment {
  return {
    experiment_id: e.experiment_id,
    name: e.name,
    hypothesis: e.hypothesis,
    component: e.component,
    parameter: e.parameter,
    variants: e.variants.map(variantToPb),
    success_metric: e.success_metric,
    guardrail_metrics: [...e.guardrail_metrics],
    minimum_sample_size: e.minimum_sample_size,
    maximum_duration_days: e.maximum_duration_days,
    status: STATUS_TO_PB[e.status],
    created_at: e.created_at,
    started_at: e.started_at ?? '',
    ended_at: e.ended_at ?? '',
    seed: e.seed,
    hash_version: e.hash_version,
    coverage: e.coverage,
    namespace: namespaceToPb(e.namespace),
    ethics: { ...e.ethics },
    outcome: e.outcome
      ? OUTCOME_TO_PB[e.outcome]
      : pb.ExperimentOutcome.EXPERIMENT_OUTCOME_UNSPECIFIED,
    shipped_variant: e.shipped_variant ?? '',
  };
}

function parseValue(json: string, path: string): VariantValue {
  try {
    return JSON.parse(json) as VariantValue;
  } catch (error) {
    throw new InvalidArgumentError(
      `${path}: must be JSON text (e.g. 60, "on", {"model":"m","version":2}): ${(error as Error).message}`,
    );
  }
}

/** A definition from a request; the catalog validates the rest, naming each field. */
export function definitionFromPb(d: pb.ExperimentDefinition | undefined): ExperimentDefinition {
  if (!d) throw new InvalidArgumentError('definition: required');
  if (!d.ethics) {
    throw new InvalidArgumentError(
      'definition.ethics: required (the ethics gate input, spec 15.4)',
    );
  }
  const ns = d.namespace;
  return {
    experiment_id: d.experiment_id,
    name: d.name,
    hypothesis: d.hypothesis,
    component: d.component,
    parameter: d.parameter,
    variants: d.variants.map((v, i) => ({
      variant_id: v.variant_id,
      value: parseValue(v.value_json, `definition.variants[${i}].value_json`),
      allocation: v.allocation,
    })),
    success_metric: d.success_metric,
    guardrail_metrics: [...d.guardrail_metrics],
    ethics: { ...d.ethics },
    ...(d.minimum_sample_size !== undefined && { minimum_sample_size: d.minimum_sample_size }),
    ...(d.maximum_duration_days !== undefined && {
      maximum_duration_days: d.maximum_duration_days,
    }),
    ...(d.seed !== '' && { seed: d.seed }),
    ...(ns && { namespace: [ns.name, ns.start, ns.end] as const }),
  };
}

export const changeToPb = (c: ExperimentChange): pb.ExperimentChange => ({
  experiment_id: c.experiment_id,
  sequence: c.sequence,
  at: c.at,
  who: c.who,
  why: c.why,
  action: c.action,
  before_json: JSON.stringify(c.before),
  after_json: JSON.stringify(c.after),
});

export const decisionToPb = (d: ExperimentDecision): pb.ExperimentDecision => ({
  experiment_id: d.experiment_id,
  sequence: d.sequence,
  at: d.at,
  who: d.who,
  action: d.action,
  coverage_before: d.coverage_before,
  coverage_after: d.coverage_after,
  checks: d.checks.map((c) => ({ ...c })),
});

export const assignmentToPb = (a: Assignment): pb.Assignment => ({
  user_id: a.user_id,
  variant_id: a.variant_id ?? '',
  value_json: JSON.stringify(a.value),
  reason: a.reason,
});

function comparisonToPb(m: MetricComparison): pb.MetricComparison {
  const u = m.unadjusted;
  return {
    metric_id: m.metric_id,
    role: m.role,
    kind: m.kind,
    higher_is_better: m.higher_is_better,
    variant_id: m.variant_id,
    status: u.status,
    test: u.test,
    control_mean: u.control_mean,
    treatment_mean: u.treatment_mean,
    absolute_lift: u.absolute_lift,
    absolute_ci_lower: u.absolute_ci[0],
    absolute_ci_upper: u.absolute_ci[1],
    relative_lift: u.relative_lift,
    relative_ci_lower: u.relative_ci[0],
    relative_ci_upper: u.relative_ci[1],
    p_value: u.p_value,
    p_value_adjusted: m.p_value_adjusted,
    cuped_relative_lift: m.cuped ? m.cuped.relative_lift : NaN,
    cuped_variance_reduction: m.cuped ? m.cuped.variance_reduction : NaN,
    cuped_status: m.cuped_status,
    primary: m.primary,
    chance_to_win: m.bayesian.chance_to_win,
    risk_treatment: m.bayesian.risk_treatment,
    risk_control: m.bayesian.risk_control,
    sequential_ci_lower: m.sequential.ci[0],
    sequential_ci_upper: m.sequential.ci[1],
    significant: m.significant,
    improved: m.improved,
    harmed: m.harmed,
  };
}

export function resultsToPb(r: ExperimentResults): pb.ExperimentResults {
  return {
    experiment_id: r.experiment_id,
    status: r.status,
    reason: r.reason,
    analyzed_at: r.analyzed_at,
    control_variant: r.control_variant,
    variants: r.variants.map((v) => ({ ...v })),
    sample_size: r.sample_size,
    multiple_exposures: r.multiple_exposures,
    srm: r.srm
      ? { statistic: r.srm.statistic, p_value: r.srm.p_value, mismatch: r.srm.mismatch }
      : undefined,
    metrics: r.metrics.map(comparisonToPb),
    winner: r.winner ?? '',
    is_significant: r.is_significant,
    lift: r.lift,
    p_value: r.p_value,
    confidence: r.confidence,
    decision_blocked_by: [...r.decision_blocked_by],
    recommendation: r.recommendation,
  };
}
