/**
 * @hirelearn/monitoring — data-quality checks over the event store (spec 15.1) and the
 * model monitor: calibration and drift of served models against the outcomes that arrive,
 * with rollback on critical findings.
 * The public API only: the quality checks and gate, the monitor run and its records, the
 * drift-monitor service; windows, scoring internals, SVG and gRPC conversions stay internal
 * (specs import them by path).
 */

// Data quality: findings, the gate the nightly and attribution wait on, acknowledgements.
export {
  QUALITY_RULES,
  type QualityRule,
  type QualityFinding,
  type FindingSeverity,
  type DataQualityReport,
  type AppliedAcknowledgement,
} from './quality/finding';
export {
  dataQualitySettings,
  DEFAULT_DATA_QUALITY_SETTINGS,
  type DataQualitySettings,
} from './quality/settings';
export { checkDataQuality } from './quality/check-quality';
export { dataQualityGate, type QualityGate } from './quality/gate';
export {
  acknowledgeFindings,
  acknowledgementsCollection,
  type QualityAcknowledgement,
} from './quality/acknowledgements';

// The model monitor: one run over the served versions, its records and report.
export type { ModelHealth, MonitorRun, VersionVerdict, LoggedPrediction } from './monitor/types';
export {
  monitorSettings,
  DEFAULT_MONITOR_SETTINGS,
  type MonitorSettings,
} from './monitor/settings';
export type { ScoredRecord } from './monitor/health';
export {
  runMonitor,
  scoreVersion,
  scoreRecords,
  predictionsCollection,
  modelHealthCollection,
  MODEL_HEALTH_COLLECTION,
} from './monitor/run-monitor';
export { registryTarget } from './monitor/registry-target';
export { renderHealthReport } from './monitor/report-html';
export { runMonitorJob, monitorJobSettings, type MonitorJobSettings } from './monitor/job';

// The drift-monitor service (hirelearn.v1.Monitor) and its loop.
export { MonitorLoop } from './service/monitor-loop';
export { serveDriftMonitor, startMonitorServer } from './service/serve';
export {
  monitorServiceSettings,
  DEFAULT_MONITOR_PORT,
  type MonitorServiceSettings,
} from './service/settings';
