import type { DayOneFeatures, DayOneField } from './day-one';

/** The job dimensions the insights aggregate outcomes over. */
export const CELL_DIMENSIONS = Object.freeze(['role', 'seniority', 'company_stage'] as const);
export type CellDimension = (typeof CELL_DIMENSIONS)[number];

/** A user's applications to jobs of one role, seniority or company stage, and their interviews. */
export interface ColdStartCell {
  readonly dimension: CellDimension;
  /** Role family (lower case), job seniority or company stage. */
  readonly value: string;
  readonly applications: number;
  readonly interviews: number;
}

/**
 * An established user as the embedder learns from them (read from the facts by
 * `loadColdStartUsers` of @hirelearn/training): what was known on their first day and what
 * followed. Opted-out users never get here.
 */
export interface ColdStartTrainingUser {
  readonly user_id: string;
  /** Time of the user's first USER_PROFILE_UPDATED (their sign-up). */
  readonly signed_up_at: string;
  readonly day_one: DayOneFeatures;
  /** Every application whose outcome is known, and how many reached interview. */
  readonly applications: number;
  readonly interviews: number;
  /** The first `horizon` of those (by submission time) and their interviews. */
  readonly first_applications: number;
  readonly first_interviews: number;
  readonly cells: readonly ColdStartCell[];
}

/** One dense layer: kernel (inputs x units, row-major), bias and activation. */
export interface ColdStartLayer {
  readonly kernel: readonly number[];
  readonly bias: readonly number[];
  readonly activation: 'relu' | 'tanh' | 'sigmoid' | 'linear';
}

/** How day-one features become the network's input row (fitted on the training users). */
export interface ColdStartEncoder {
  /** Numeric fields: standardized with the training mean and sd (salary on log scale). */
  readonly numeric: readonly {
    readonly field: DayOneField;
    readonly mean: number;
    readonly sd: number;
  }[];
  readonly seniority: readonly string[];
  readonly work_arrangement: readonly string[];
  /** Target roles and industries seen at least `minCategoryCount` times (multi-hot). */
  readonly target_roles: readonly string[];
  readonly industries: readonly string[];
  /** Column names of the encoded row, in order. */
  readonly columns: readonly string[];
}

/**
 * The variance of a user's true rate around the network's estimate, as a linear function of
 * which fields are missing and of m(1-m): fitted by moments on held-out users (squared
 * residual minus the binomial part), so missing fields widen the interval by what they cost.
 */
export interface ColdStartVarianceModel {
  readonly names: readonly string[];
  readonly coefficients: readonly number[];
}

/** A successful established user as the peer index keeps them: no id, no name. */
export interface ColdStartPeer {
  readonly embedding: readonly number[];
  readonly applications: number;
  readonly interviews: number;
  readonly segment: string;
  readonly cells: readonly ColdStartCell[];
  /** The resume figures the insights compare with (null when unknown). */
  readonly resume: Readonly<
    Record<
      | 'bullet_metric_share'
      | 'action_verb_share'
      | 'certifications_count'
      | 'skills_count'
      | 'page_count',
      number | null
    >
  >;
}

/** A segment's figures (seniority x first target role, or coarser): the fallback with < 10 peers. */
export interface ColdStartSegment {
  readonly key: string;
  readonly users: number;
  /** Mean rate over the first `horizon` applications of its established users. */
  readonly rate: number;
  /** Between-user variance of the true rate (observed variance minus the binomial part). */
  readonly true_rate_variance: number;
}

/** Held-out figures recorded on the registered version (test users nothing was fitted on). */
export interface ColdStartMetrics {
  /** Users the network first learns on, early-stopped on the `n_calibration` users; the served network is then refit on both. */
  readonly n_train: number;
  readonly n_calibration: number;
  readonly n_test: number;
  /** Per application of the first `horizon`, the user's predicted rate as the probability. */
  readonly brier: number;
  readonly log_loss: number;
  readonly brier_population: number;
  readonly log_loss_population: number;
  /** Share of test users whose realized first-`horizon` rate lies in their prediction interval. */
  readonly prediction_interval_coverage: number;
  readonly mean_prediction_interval_width: number;
  readonly horizon: number;
}

/**
 * The artifact in memory: everything serving needs. Registered as `serializeColdStart` writes
 * it (artifact-file.ts: the peers as columns); versions registered before that hold this as JSON.
 */
export interface ColdStartArtifact {
  readonly format: 'hirelearn.cold-start/v1';
  readonly encoder: ColdStartEncoder;
  /**
   * Hidden ReLU layers, the tanh (deep) layer, then the sigmoid interview-rate head, whose
   * input is the embedding: the deep layer's units and the wide part's logit.
   */
  readonly layers: readonly ColdStartLayer[];
  /** The wide part: a linear logit of the encoded row (started at the logistic's fit). */
  readonly wide: ColdStartLayer;
  /** Width of the embedding: the deep layer's units plus one (the wide logit, last). */
  readonly embedding_dim: number;
  readonly variance: ColdStartVarianceModel;
  readonly population_rate: number;
  readonly segments: readonly ColdStartSegment[];
  readonly peers: readonly ColdStartPeer[];
  /** Absolute distance within which a successful user is a peer. */
  readonly peer_radius: number;
  /**
   * Day-one features of a sample of training users (no ids): their answers stand for the
   * possible answers to a question (7.5.3).
   */
  readonly answer_pool: readonly DayOneFeatures[];
  readonly settings: import('./settings').ColdStartSettings;
  readonly metrics: ColdStartMetrics;
  readonly seed: number;
}

/** The spec's interview-rate expectation for a new user. */
export interface ExpectedInterviewRate {
  /** The expected true interview rate. */
  readonly estimate: number;
  /** 95% interval for the user's true rate. */
  readonly interval: readonly [number, number];
  /** 95% prediction interval for the rate over the first `horizon` applications. */
  readonly prediction_interval: readonly [number, number];
  readonly horizon: number;
}

/** An aggregate over at least k users (never fewer): where similar users succeed. */
export interface CellFigure {
  readonly value: string;
  readonly users: number;
  readonly applications: number;
  readonly interview_rate: number;
}

/**
 * An edit to make first: an attribution effect that holds for users like this one (its
 * interval above zero, not graded LOW) and that this resume has room for.
 */
export interface EditAdvice {
  readonly edit_type: string;
  /** The attribution's effect (probability points) and its interval. */
  readonly effect: number;
  readonly confidence_interval: readonly [number, number];
  readonly causal_confidence: string;
  readonly method: string;
  readonly sample_size: number;
  /** Why it applies to this resume (the user's figure beside the successful peers'). */
  readonly evidence: string;
}

export interface Pitfall {
  readonly kind: 'low_rate_cell' | 'resume_gap' | 'missing_field';
  readonly detail: string;
}

/**
 * The attribution effect of an edit, as `CausalEffect` of @hirelearn/attribution gives it
 * (its `effects` can be passed as they are).
 */
export interface EditEffectInput {
  readonly treatment: string;
  readonly ate: number | null;
  readonly confidence_interval: readonly [number, number] | null;
  readonly causal_confidence: string;
  readonly method: string;
  readonly sample_size: number;
}

/** Spec 7.5.2: what a new user can expect on day one, from peers or (fallback) the segment. */
export interface ColdStartInsights {
  readonly expected_interview_rate: ExpectedInterviewRate;
  /** 'peers' when at least `minPeers` similar successful users were found, else 'segment'. */
  readonly source: 'peers' | 'segment';
  /** Why the segment was used (null with peers). */
  readonly fallback_reason: string | null;
  readonly peers_used: number;
  readonly segment: string;
  readonly roles: readonly CellFigure[];
  readonly seniority: readonly CellFigure[];
  readonly company_stages: readonly CellFigure[];
  readonly first_edits: readonly EditAdvice[];
  readonly pitfalls: readonly Pitfall[];
  readonly confidence: 'HIGH' | 'MEDIUM' | 'LOW';
  readonly reasons: readonly string[];
  readonly missing_fields: readonly DayOneField[];
  /** Minimum distinct users behind every figure shown, and cells left out for having fewer. */
  readonly k_anonymity: number;
  readonly suppressed_cells: number;
}

/** Spec 7.5.3: the next onboarding question (or none: stop asking). */
export interface NextQuestion {
  readonly field: DayOneField | null;
  readonly question: string | null;
  /** Expected narrowing of the 95% prediction interval (rate points) from the answer. */
  readonly expected_gain: number;
  /** Width of the current prediction interval (rate points). */
  readonly interval_width: number;
  readonly stop: boolean;
  readonly reason: string;
  /** Every unknown field with its expected gain, best first. */
  readonly candidates: readonly { readonly field: DayOneField; readonly expected_gain: number }[];
}

/** Why no model was trained. */
export interface ColdStartFailure {
  readonly status: 'insufficient_data' | 'constant_outcome' | 'not_converged';
  readonly reason: string;
}
