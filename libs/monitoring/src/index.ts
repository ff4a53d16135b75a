/**
 * @hirelearn/monitoring — data-quality checks over the event store (spec 15.1) and the
 * model monitor: calibration and drift of served models against the outcomes that arrive,
 * with rollback on critical findings.
 */
export * from './quality/finding';
export * from './quality/settings';
export * from './quality/check-quality';
export * from './quality/acknowledgements';
export * from './quality/gate';
export * from './monitor/types';
export * from './monitor/settings';
export * from './monitor/outcomes';
export * from './monitor/day-one';
export * from './monitor/concept-drift';
export * from './monitor/health';
export * from './monitor/run-monitor';
export * from './monitor/serving-check';
export * from './monitor/report-html';
export * from './monitor/registry-target';
export * from './monitor/job';
export * from './service/monitor-loop';
export * from './service/health-queries';
export * from './service/convert';
export * from './service/grpc';
export * from './service/settings';
export * from './service/serve';
