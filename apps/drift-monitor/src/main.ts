/**
 * The drift monitor job: one monitoring pass every HIRELEARN_MONITOR_EVERY_MINUTES (default
 * 60), or a single pass with HIRELEARN_MONITOR_ONCE=1; one JSON line per pass on stdout.
 * Stores: HIRELEARN_DB (events), HIRELEARN_DOCUMENTS (predictions, health, registry),
 * HIRELEARN_ARTIFACTS. Stops between passes on SIGINT or SIGTERM.
 */
import { runMonitorJob } from '@hirelearn/monitoring';
import { settings } from './settings';

let stopping = false;
let wake: (() => void) | null = null;

async function pass(): Promise<void> {
  const run = await runMonitorJob(settings);
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), ...run })}\n`);
}

async function main(): Promise<void> {
  const stop = (): void => {
    stopping = true;
    wake?.();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  do {
    try {
      await pass();
    } catch (error) {
      // A failed pass (a store briefly unavailable) must not end the schedule.
      process.stderr.write(
        `drift-monitor: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      if (settings.once) process.exitCode = 1;
    }
    if (settings.once || stopping) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, settings.every_minutes * 60_000);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  } while (!stopping);
}

void main();
