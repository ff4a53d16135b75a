/**
 * The spec's `PersonalizedConfig` (7.1): what layers 5 (the planner) and 6 (job discovery's
 * re-ranking) use for one user, each parameter with its evidence.
 *
 * It is a set of per-user overrides on top of the published configuration, exactly as an
 * experiment variant is (libs/config `effectiveConfig`): the base a layer reads from the
 * configuration channel, then the user's personalized parameters, then any experiment the
 * user is in (so experiments stay randomized comparisons on personalized users). Parameters
 * the layer schemas have no field for yet (how much to tailor, the reach/target/safety mix)
 * travel beside them in `planner`.
 */
import type { ConfigLayer, ConfigOverride } from '@hirelearn/config';
import type { FitComponent } from '@hirelearn/ml';
import type { Category, PersonalizationOptOut } from './user-stats-queries';

/** Where a parameter's value comes from. */
export type EvidenceSource =
  /** The user's own data shrunk toward the segment's. */
  | 'own_and_segment'
  /** The user's own data shrunk toward the attribution's causal effect for users like them. */
  | 'own_and_causal'
  /** The segment's value alone (opted out, or no data of their own). */
  | 'segment'
  /** The attribution's causal effect alone (opted out, or no data of their own). */
  | 'causal'
  /** The published configuration's value (nothing personal could move it). */
  | 'channel';

/** Why a parameter has its value: every figure it rests on. */
export interface ParameterEvidence {
  readonly source: EvidenceSource;
  /** The shrinkage: `beta-binomial EB`, `gamma-Poisson EB`, `normal-normal EB`, or `none`. */
  readonly method: string;
  /** The user's own observations behind it (applications). */
  readonly n: number;
  /** w in shrunk = w·own + (1 − w)·prior: 0 for the segment's value alone. */
  readonly shrinkage_weight: number;
  /** k in w = n / (n + k), when the prior is a count model (applications or weeks). */
  readonly prior_strength: number | null;
  /** The estimated quantity (a rate, a pace, a lift): the user's own, the prior's, and shrunk. */
  readonly quantity: string;
  readonly own_estimate: number | null;
  readonly prior_mean: number;
  readonly shrunk_estimate: number;
  /** Where the prior mean comes from, in words (the segment and its users, or the effect's id). */
  readonly prior: string;
}

export interface PersonalizedParameter {
  /** The layer that reads it. */
  readonly layer: ConfigLayer;
  /** A dotted path: into the layer's config (`applications_per_week`, `weights.signal`) or `planner.*`. */
  readonly parameter: string;
  readonly value: number;
  readonly evidence: ParameterEvidence;
}

/** Planning parameters PlanningConfig has no field for yet (layer 5 reads them from here). */
export interface PlannerParameters {
  /** Share of applications to tailor, 0..1, growing with the expected lift of tailoring. */
  readonly tailor_share: number;
  /** Share of applications per category, summing to 1. */
  readonly target_mix: Readonly<Record<Category, number>>;
}

export interface PersonalizedConfig {
  readonly user_id: string;
  /** `personal`: the user's own data shrunk toward the segment's; `segment`: the segment's alone. */
  readonly basis: 'personal' | 'segment';
  readonly basis_reason: string;
  readonly opt_out: PersonalizationOptOut | null;
  readonly segment: { readonly by: 'seniority'; readonly value: string; readonly users: number };
  /** Per-user overrides of the published configuration of layers 5 and 6 (`effectiveConfig`). */
  readonly overrides: Readonly<Record<'5' | '6', readonly ConfigOverride[]>>;
  readonly planner: PlannerParameters;
  readonly parameters: readonly PersonalizedParameter[];
  /** The attribution run whose effects served as causal priors; null without one. */
  readonly attribution_run_id: string | null;
  readonly computed_at: string;
}

export type FitWeightsValue = Readonly<Record<FitComponent, number>>;
