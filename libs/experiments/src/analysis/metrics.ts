/**
 * The metric catalogue: per-user outcomes computed from the `applications` facts of the
 * user's applications after their first exposure (and, for CUPED, the same outcome over the
 * pre-period before it). Each metric is a SQL expression over the per-user counts
 * `{p}apps`, `{p}interviews`, `{p}offers`, `{p}ghosted` with p = `post_` or `pre_`.
 * A ratio metric (a ratio of means over users, e.g. interviews per application) has a
 * numerator `sql` and a `denominator_sql`; its analysis uses the delta method.
 */
import { MetricKind } from '../stats/frequentist';

export interface MetricDefinition {
  readonly metric_id: string;
  readonly kind: MetricKind;
  /** Whether a higher value is an improvement. */
  readonly higher_is_better: boolean;
  readonly description: string;
  /** SQL over the per-user counts with the given prefix (a ratio metric's numerator). */
  readonly sql: (prefix: 'post_' | 'pre_') => string;
  /** A ratio metric's per-user denominator (present exactly when `kind` is 'ratio'). */
  readonly denominator_sql?: (prefix: 'post_' | 'pre_') => string;
}

const rate = (num: string) => (p: string) => `${p}${num}::DOUBLE / greatest(${p}apps, 1)`;

export const METRICS: Readonly<Record<string, MetricDefinition>> = Object.freeze({
  reached_interview: {
    metric_id: 'reached_interview',
    kind: 'binomial',
    higher_is_better: true,
    description: 'the user reached at least one interview',
    sql: (p) => `(${p}interviews > 0)::DOUBLE`,
  },
  interviews: {
    metric_id: 'interviews',
    kind: 'mean',
    higher_is_better: true,
    description: 'interviews per user',
    sql: (p) => `${p}interviews::DOUBLE`,
  },
  interview_rate: {
    metric_id: 'interview_rate',
    kind: 'mean',
    higher_is_better: true,
    description: "share of the user's applications that reached an interview",
    sql: rate('interviews'),
  },
  interviews_per_application: {
    metric_id: 'interviews_per_application',
    kind: 'ratio',
    higher_is_better: true,
    description:
      'interviews over applications, pooled over the users of a variant (a ratio of means: heavy appliers weigh more than in interview_rate)',
    sql: (p) => `${p}interviews::DOUBLE`,
    denominator_sql: (p) => `${p}apps::DOUBLE`,
  },
  offers: {
    metric_id: 'offers',
    kind: 'mean',
    higher_is_better: true,
    description: 'offers per user',
    sql: (p) => `${p}offers::DOUBLE`,
  },
  applications: {
    metric_id: 'applications',
    kind: 'mean',
    higher_is_better: true,
    description: 'applications per user (a cut in job recommendations shows here)',
    sql: (p) => `${p}apps::DOUBLE`,
  },
  ghosted_rate: {
    metric_id: 'ghosted_rate',
    kind: 'mean',
    higher_is_better: false,
    description: "share of the user's applications ghosted",
    sql: rate('ghosted'),
  },
});

export function metricDefinition(id: string): MetricDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(METRICS, id) ? METRICS[id] : undefined;
}
