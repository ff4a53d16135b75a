/**
 * @hirelearn/monitoring — data-quality checks over the event store (spec 15.1) and the
 * model monitor: calibration and drift of served models against the outcomes that arrive,
 * with rollback on critical findings.
 */
export * from './quality/finding';
export * from './quality/settings';
export * from './quality/check-quality';
