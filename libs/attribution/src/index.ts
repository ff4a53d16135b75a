/**
 * @hirelearn/attribution — the causal studies hirelearn runs nightly on its own event log.
 * The public API only: README.md's API table and what other libs, apps and benches use; the
 * SQL, treatment internals and the worker pool stay internal (specs import them by path).
 */

// Settings and the vocabulary other layers read.
export {
  attributionSettings,
  DEFAULT_ATTRIBUTION_SETTINGS,
  type AttributionSettings,
  type HourBand,
} from './settings';
export { WEEKDAYS } from './vocabulary';

// The window and the analysis table (one row per application, from the facts).
export { windowBounds, reachedInterviewBefore, type AnalysisWindow } from './window';
export { loadAnalysisTable, type AnalysisTable } from './table';
export { treatmentSpecs, type TreatmentSpec } from './treatments';

// The run: every treatment analysed, graded and reported.
export {
  runAttribution,
  attributeTable,
  attributeTableInWorkers,
  questionData,
  type OutcomeAttribution,
  type AttributionOptions,
  type DataWindow,
} from './run';
export { toCausalEffect, type CausalEffect } from './effect';

// The headline of an effect: the adjusted estimate, or a span over disagreeing designs.
export { designCandidates, chooseHeadline, type Headline } from './headline';

// The design studies (RD at the strategy threshold, difference-in-differences) and the grading
// of a run as one family.
export {
  gradeRun,
  gradeDesign,
  designEffect,
  type DesignEffect,
  type DesignStudy,
} from './design-study';
export { rdStudy, loadRdStudyData, type RdStudyData } from './rd-study';
export { didStudies, didStudy } from './did-study';
