/**
 * The spec's `Experiment`: a proposed change (a strategy threshold, fit-score weights, a model
 * version from the registry's shadow stage) tested as an A/B test before it ships.
 */
import type { ExperimentProposal } from '@hirelearn/safeguards';

/** A JSON value a variant sets the parameter to (a number, weights, `{ model, version }`...). */
export type VariantValue =
  | string
  | number
  | boolean
  | null
  | readonly VariantValue[]
  | { readonly [key: string]: VariantValue };

export interface ExperimentVariant {
  readonly variant_id: string;
  readonly value: VariantValue;
  /** Share of the enrolled users (the shares of an experiment sum to 1). */
  readonly allocation: number;
}

export type ExperimentStatus = 'draft' | 'running' | 'paused' | 'completed';

/** How a completed experiment ended. */
export type ExperimentOutcome = 'rolled_out' | 'rolled_back' | 'stopped';

/** A GrowthBook namespace: users hashing into [start, end) of the named namespace are eligible. */
export type Namespace = readonly [name: string, start: number, end: number];

export interface Experiment {
  readonly experiment_id: string;
  readonly name: string;
  readonly hypothesis: string;
  /** The component the parameter belongs to (`strategy_engine`, `fit_score`, `model:interview`...). */
  readonly component: string;
  readonly parameter: string;
  /** The first variant is the control. */
  readonly variants: readonly ExperimentVariant[];
  /** A metric id of the catalogue (analysis/metrics.ts). */
  readonly success_metric: string;
  readonly guardrail_metrics: readonly string[];
  /** Users per variant before a decision may be made. */
  readonly minimum_sample_size: number;
  readonly maximum_duration_days: number;
  readonly status: ExperimentStatus;
  readonly created_at: string;
  readonly started_at: string | null;
  readonly ended_at: string | null;
  /** GrowthBook hashing: seed (default the id), hash version 2, coverage, namespace. */
  readonly seed: string;
  readonly hash_version: 2;
  /** Share of eligible users enrolled; only ever raised while running, so no one moves. */
  readonly coverage: number;
  readonly namespace: Namespace | null;
  /** The ethics gate's input (spec 15.4). */
  readonly ethics: ExperimentProposal;
  readonly outcome: ExperimentOutcome | null;
  /** The variant shipped to everyone when `outcome` is rolled_out or rolled_back. */
  readonly shipped_variant: string | null;
}

/** What a user gives to create an experiment; the rest is filled in (defaults in the catalog). */
export type ExperimentDefinition = Pick<
  Experiment,
  | 'experiment_id'
  | 'name'
  | 'hypothesis'
  | 'component'
  | 'parameter'
  | 'variants'
  | 'success_metric'
  | 'ethics'
> &
  Partial<
    Pick<
      Experiment,
      'guardrail_metrics' | 'minimum_sample_size' | 'maximum_duration_days' | 'seed' | 'namespace'
    >
  >;
