/**
 * The drift monitor: serves hirelearn.v1.Monitor on HIRELEARN_MONITOR_PORT (50054) and runs
 * a monitoring pass every HIRELEARN_MONITOR_EVERY_MINUTES (default 60, the first at start)
 * and on RunNow. With HIRELEARN_MONITOR_ONCE=1 it runs one pass, prints it as one JSON line
 * and exits (cron-style scheduling outside the process). Stores: HIRELEARN_DB (events),
 * HIRELEARN_DOCUMENTS (predictions, health, registry), HIRELEARN_ARTIFACTS; rollbacks go to
 * the registry service at HIRELEARN_REGISTRY_ADDRESS when set.
 */
import { DEFAULT_MONITOR_SETTINGS, runMonitorJob, serveDriftMonitor } from '@hirelearn/monitoring';
import { runService } from '@hirelearn/rpc';
import { settings } from './settings';

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

if (settings.once) {
  runMonitorJob(settings).then(
    (run) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...run })}\n`),
    (error: unknown) => {
      process.stderr.write(`drift-monitor: ${message(error)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  // A failed pass (a store briefly unavailable) is reported and the schedule goes on.
  runService('drift-monitor', () =>
    serveDriftMonitor(settings, DEFAULT_MONITOR_SETTINGS, (error) =>
      process.stderr.write(`drift-monitor: pass failed: ${message(error)}\n`),
    ),
  );
}
