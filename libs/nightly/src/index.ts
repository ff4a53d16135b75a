/**
 * @hirelearn/nightly — the nightly run that closes the loop: quality gate, attribution,
 * optimizers, recommendations routed and published, experiment ramps, the monitor pass and
 * the feedback-loop check, each step recorded in the document store.
 * The public API only: running it, its records, the stored attribution and the evidence
 * check; the steps and their inputs stay internal (specs import them by path).
 */

// Running the nightly, and its settings.
export { runNightly, type NightlyOptions } from './run-nightly';
export { nightlySettings, DEFAULT_NIGHTLY_SETTINGS, type NightlySettings } from './settings';

// The run records: each run and step, who holds the lock.
export {
  listRuns,
  getRun,
  NightlyAlreadyRunningError,
  type NightlyRun,
  type StepRecord,
  type RunStatus,
  type StepStatus,
} from './run-record';

// The attribution the run stores, read back by the CLI and the insights.
export {
  saveAttribution,
  loadAttribution,
  effectEvidenceId,
  type StoredAttribution,
} from './attribution-results';

// Which evidence ids a recommendation may cite (the review's check).
export { nightlyEvidenceCheck } from './evidence-check';
