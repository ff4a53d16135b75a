/**
 * @hirelearn/safeguards — pure safety checks for the learning engine:
 * calibration, distribution drift, concept-drift detectors, feedback-loop
 * stability, the experiment ethics gate and outlier scores.
 * The public API only (README's table, its settings and result types); validation, sorting
 * and PRNG helpers stay internal; specs import them by path.
 */
export type { Degenerate, DegenerateReason } from './result';

// Calibration: is a served model's probability what happens?
export { brierScore, type BrierScore } from './calibration/brier';
export { logLoss, type LogLoss } from './calibration/log-loss';
export {
  reliabilityTable,
  type ReliabilityBin,
  type ReliabilityTable,
} from './calibration/reliability';
export {
  calibrationError,
  expectedCalibrationError,
  maximumCalibrationError,
  type CalibrationError,
} from './calibration/calibration-error';
export { rocAuc, type Auc } from './calibration/auc';

// Distribution drift: do today's inputs look like the training data?
export { ksTwoSample, type KsTest } from './drift/ks-test';
export {
  populationStabilityIndex,
  psiFromCounts,
  psiSeverity,
  type Psi,
  type PsiSeverity,
} from './drift/psi';
export { chiSquareTest, countCategories, type ChiSquareTest } from './drift/chi-square';
export {
  featureDriftReport,
  type FeatureColumn,
  type FeatureColumns,
  type FeatureDriftReport,
} from './drift/feature-drift';

// Concept drift: has the error stream changed?
export { PageHinkley, type PageHinkleySettings } from './detectors/page-hinkley';
export { Adwin, type AdwinSettings } from './detectors/adwin';

// Feedback loops: are recommendations narrowing, how much exploration to inject?
export { shannonEntropy } from './feedback/entropy';
export { leastSquaresTrend } from './feedback/trend';
export { explorationRate } from './feedback/exploration';
export {
  weeklyCategoryEntropy,
  feedbackLoopStability,
  type CategoryEvent,
  type FeedbackLoopStability,
} from './feedback/feedback-loop';

// The experiment ethics gate.
export {
  checkExperimentEthics,
  DEFAULT_ETHICS_GATE_SETTINGS,
  type EthicsGateSettings,
  type EthicsGateResult,
  type EthicsViolation,
  type ExperimentProposal,
} from './ethics/experiment-gate';

// Outliers: which days and events are unusual?
export { robustZScores } from './outliers/robust-z';
export { fitIsolationForest, scoreIsolationForest } from './outliers/isolation-forest';

// Privacy: does anything we write leak a person?
export { findPersonalData, scrubText, scrubDeep } from './privacy/scrub';
export { anonymizeRecord, weekOf, cityOf, roleFamily } from './privacy/anonymize';
export { suppressSmallCells, DEFAULT_K_ANONYMITY } from './privacy/k-anonymity';
export {
  auditArtifacts,
  DEFAULT_PRIVACY_AUDIT_SETTINGS,
  type PrivacyAuditSettings,
  type PrivacyAuditResult,
  type AuditArtifact,
} from './privacy/audit';
