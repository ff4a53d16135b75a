/**
 * Settings of the cold-start embedder (spec 7.5): who counts as established and as a
 * successful peer, the network, the intervals and when onboarding stops asking.
 */
export interface ColdStartSettings {
  /** Applications that make a user established (spec: 30). */
  readonly establishedApplications: number;
  /** Interview rate over all of an established user's applications that makes a successful peer (spec: 15%). */
  readonly successRate: number;
  /** Nearest successful users kept as peers (spec: 50). */
  readonly peers: number;
  /** Fewer peers than this (k-anonymity, spec: 10) and the insights use the segment's figures. */
  readonly minPeers: number;
  /**
   * A successful user is a peer only within this distance of the query in the embedding, as a
   * multiple of the median distance from a held-out user to their `minPeers`-th nearest
   * successful user (so a typical user finds at least `minPeers`, an outlier falls back).
   */
  readonly peerRadius: number;
  /** Applications the prediction interval is about (spec: the first 20). */
  readonly horizon: number;
  /** Share of training users held out for the interval's variance model and the metrics. */
  readonly calibrationFraction: number;
  /** Share of users held out for the metrics recorded on the version. */
  readonly testFraction: number;
  /** Units of the hidden ReLU layers before the embedding. */
  readonly hidden: readonly number[];
  /** Width of the embedding (a tanh layer feeding the interview-rate head). */
  readonly embeddingDim: number;
  /** Most epochs; training keeps the epoch with the lowest calibration-user log loss. */
  readonly epochs: number;
  /** Epochs without a better calibration log loss before training stops. */
  readonly patience: number;
  /**
   * An epoch is better only when it lowers the calibration users' log loss by more than this
   * (per application): on a few hundred users smaller gains are noise, and taking them made
   * the network lose to the plain logistic it starts from on new users.
   */
  readonly minImprovement: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Probability that a question field is hidden from a training row (the network learns to answer with gaps). */
  readonly maskRate: number;
  /** Random masks per calibration user for the variance model. */
  readonly masksPerUser: number;
  /** Smallest variance of the true rate the variance model may give (keeps intervals honest). */
  readonly minTrueRateVariance: number;
  /** Two-sided level of the intervals. */
  readonly confidence: number;
  /** Values seen fewer times than this in training get no one-hot column of their own. */
  readonly minCategoryCount: number;
  /** Stop asking when no question is expected to narrow the prediction interval by this much. */
  readonly minQuestionGain: number;
  /** Nearest training users whose answers stand for the possible answers to a question. */
  readonly answerSamples: number;
  /** Users behind a segment or a cell of the insights (k-anonymity). */
  readonly kAnonymity: number;
  /** Resume share below which an edit that raises it applies (bullets with numbers, action verbs). */
  readonly lowShare: number;
  /** Cells (roles, seniorities, stages) shown per list. */
  readonly topCells: number;
  /** A cell whose peers' rate is under this share of the peers' overall rate is a pitfall. */
  readonly pitfallRatio: number;
  /** Interval width (prediction interval, rate points) at or under which confidence is HIGH; MEDIUM up to the second. */
  readonly confidenceWidths: readonly [number, number];
}

export const DEFAULT_COLD_START: ColdStartSettings = Object.freeze({
  establishedApplications: 30,
  successRate: 0.15,
  peers: 50,
  minPeers: 10,
  peerRadius: 2,
  horizon: 20,
  calibrationFraction: 0.25,
  testFraction: 0.2,
  hidden: Object.freeze([32]),
  embeddingDim: 8,
  epochs: 100,
  patience: 10,
  minImprovement: 0.001,
  batchSize: 64,
  learningRate: 0.001,
  l2: 1e-4,
  maskRate: 0.3,
  masksPerUser: 6,
  minTrueRateVariance: 1e-4,
  confidence: 0.95,
  minCategoryCount: 10,
  minQuestionGain: 0.01,
  answerSamples: 30,
  kAnonymity: 10,
  lowShare: 0.5,
  topCells: 3,
  pitfallRatio: 0.6,
  confidenceWidths: Object.freeze([0.3, 0.45]) as readonly [number, number],
});
