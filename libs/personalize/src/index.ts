/**
 * @hirelearn/personalize — the spec's `PersonalizedConfig` (7.1): per user, layer 6's
 * re-ranking weights and layer 5's planning parameters from the user's own outcomes shrunk
 * toward their segment's (empirical Bayes) and the attribution's causal effects; opt-outs
 * get the segment's. Published per user beside the configuration channel and served over gRPC
 * (`hirelearn.v1.Personalization/GetPersonalizedConfig`).
 */
export {
  DEFAULT_PERSONALIZE_SETTINGS,
  personalizeSettings,
  type PersonalizeSettings,
} from './settings';
export {
  betaBinomialPrior,
  gammaPoissonPrior,
  betweenUserVariance,
  shrinkCount,
  shrinkDifference,
  type CountUnit,
  type DifferenceUnit,
  type SegmentPrior,
  type Shrunk,
} from './shrinkage';
export type {
  EvidenceSource,
  ParameterEvidence,
  PersonalizedConfig,
  PersonalizedParameter,
  PlannerParameters,
} from './personalized-config';
export { CATEGORIES, type Category, type PersonalizationOptOut } from './user-stats-queries';
export { personalizeAll, type PersonalizeOptions } from './personalize';
export {
  publishPersonalizedConfigs,
  readPersonalizedConfig,
  PERSONALIZED_CONFIGS_COLLECTION,
  USER_RULE,
  type PersonalizedConfigView,
  type PublishedPersonalizedConfig,
  type PublishOutcome,
} from './store';
export { createPersonalizationServer } from './grpc/server';
