/**
 * @hirelearn/analytics — the spec's analytics (section 4) computed where the data lives:
 * SQL over the facts in DuckDB, only results coming back. Cross-user results leave out users
 * who opted out of market insights and suppress cells of fewer than k users.
 * The public API only (README's table, plus what other libs and apps use); SQL fragments,
 * feature internals and connector plumbing stay internal; specs import them by path.
 */

// Settings, periods, rates.
export { analyticsSettings, DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
export { parsePeriod, ALL_TIME, type Period } from './period';
export { rateOf, shrunkRate, type Rate } from './rate';

// Per user and per segment.
export {
  userPerformance,
  allUserPerformance,
  type UserPerformance,
  type UserPerformanceRow,
} from './user-performance';
export { userPatterns, type UserPatterns, type PatternDimension } from './user-patterns';
export {
  userSegments,
  SEGMENT_DIMENSIONS,
  type SegmentDimension,
  type UserSegment,
  type UserSegments,
} from './segments';

// Across users: the market, fairness, what may leave the system.
export { marketInsights, type MarketInsights } from './market';
export { fairnessAudit, type FairnessAudit } from './fairness';
export { exportArtifacts, resumePhrases, type ExportArtifact } from './export';

// Resume DNA: successful resumes per role, and a user's resume against them.
export {
  resumeDnaLibrary,
  snapshotFeatures,
  resumeMatch,
  matchFeatures,
  editVerdict,
  dbscan,
  rmsDistance,
  RESUME_FEATURES,
  DEFAULT_RESUME_DNA_SETTINGS,
  type ResumeDnaLibrary,
  type SnapshotFeatures,
  type ResumeMatch,
  type EditEvidence,
} from './resume-dna';

// Companies and roles: hiring velocity, external signals, role and industry demand.
export {
  companyVelocity,
  type CompanyVelocityResult,
  type CompanyHiringVelocity,
} from './company-velocity';
export {
  CrunchbaseConnector,
  TokenBucket,
  fetchWithRetry,
  retryAfterMs,
  type CompanySignalConnector,
} from './company-signals';
export {
  roleDemand,
  industryInsights,
  type RoleDemandResult,
  type IndustryInsightsResult,
} from './role-demand';

// The market over time (through @hirelearn/temporal): series, shifts, seasonality, forecast.
export {
  POSTING_DIMENSIONS,
  dailyPostings,
  dayMs,
  loadMarketSeries,
  postingShifts,
  marketShifts,
  shiftsOf,
  marketSeasonality,
  seasonalityOfSeries,
  marketForecast,
  type PostingDimension,
  type DailySeries,
  type MarketShift,
  type MarketTemporalOptions,
} from './market-temporal';
