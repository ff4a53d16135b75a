/**
 * @hirelearn/causal — model → identify → estimate → refute, over plain columns.
 * The public API only: the data and result types, settings, the pipeline, each estimator with
 * its result type, grading and q-values. Building blocks behind them (data checks, influence
 * functions, single refuters, bandwidth selectors, weights) stay internal; specs import by path.
 */

// Data, results and settings.
export type {
  CausalData,
  IvData,
  CausalStatus,
  Estimand,
  EffectMethod,
  EffectEstimate,
  Estimator,
  Refutation,
} from './types';
export { causalSettings, DEFAULT_CAUSAL_SETTINGS, type CausalSettings } from './settings';
export { makeEffect } from './effect';
export {
  estimateKey,
  recommendation,
  type EffectSummary,
  type InstrumentSummary,
  type NaiveComparison,
  type RefutationSummary,
} from './effect-summary';

// The pipeline: identify a question, estimate with every applicable method, refute, grade.
export { identify, type CausalQuestion, type Identification } from './identify';
export {
  analyzeEffect,
  gradeAnalyses,
  type AnalyzeOptions,
  type CausalAnalysis,
  type GradedAnalysis,
} from './analyze';
export {
  refuteAll,
  refuterSettings,
  DEFAULT_REFUTER_SETTINGS,
  type RefuterSettings,
} from './refuters';
export { withQValues } from './q-values';
export {
  gradeEffect,
  gradeFamily,
  evidenceShortfalls,
  gradingSettings,
  DEFAULT_GRADING_SETTINGS,
  type Confidence,
  type ConfidenceGrade,
  type GradingSettings,
} from './grading';

// Selection on observables: propensity, overlap, balance and the estimators that use them.
export { naiveDifference } from './naive';
export { fitPropensity, type PropensityModel } from './propensity';
export { checkOverlap, type OverlapCheck } from './overlap';
export { balanceTable, type BalanceTable } from './balance';
export { ipw, type IpwEffect } from './ipw';
export { aipw, type AipwEffect } from './aipw';
export { psMatching, type MatchingEffect } from './matching';

// Instruments.
export { iv2sls, type IvEffect, type IvOptions } from './iv';

// Panels: difference-in-differences, staggered adoption, pre-trends, within-unit effects.
export { did2x2, didTwoWayFe, type DidData, type PanelData, type DidEffect } from './did';
export { twfeRegression, denseIndex, type TwfeFit } from './twfe';
export { didStaggered, type StaggeredDidEffect } from './did-staggered';
export { didPreTrendTest, type PreTrendTest } from './pre-trend';
export { panelTiming, type PanelTiming } from './panel-timing';
export { withinUnitEffect, type WithinUnitEffect } from './within-unit';

// Regression discontinuity.
export { rdLocalLinear, type RdData, type RdEffect, type RdBandwidthMethod } from './rd';
export { rdFuzzy, isSharpRd, type RdFuzzyData, type RdFuzzyEffect } from './rd-fuzzy';
export { rdDensityTest, densityCountsTest, type DensityTest } from './density';

// The engine on any table of named columns (`hirelearn causal estimate` on a CSV).
export {
  CSV_METHODS,
  estimateOnTable,
  missingColumns,
  missingColumnsReason,
  type CsvMethod,
  type EstimateRequest,
  type EstimateResult,
} from './table/estimate';
export type { ColumnTable } from './table/complete-rows';
