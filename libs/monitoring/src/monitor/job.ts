import { documentsUrl, duckdbMemory, positiveNumber, readSetting } from '@hirelearn/env';
import { Registry } from '@hirelearn/registry';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { registryTarget } from './registry-target';
import { runMonitor } from './run-monitor';
import { DEFAULT_MONITOR_SETTINGS, type MonitorSettings } from './settings';
import type { MonitorRun } from './types';

/** Where one scheduled monitoring pass reads and writes; from the environment once. */
export interface MonitorJobSettings {
  /** Event store URL; undefined = the store's embedded default. */
  readonly dbUrl: string | undefined;
  /** DuckDB's memory limit for the event store (HIRELEARN_DUCKDB_MEMORY; the store's default). */
  readonly dbMemoryLimit?: string;
  readonly documentsUrl: string;
  readonly artifactsDir: string | undefined;
  /** Minutes between passes. */
  readonly everyMinutes: number;
  /** Run one pass and exit (cron-style scheduling outside the process). */
  readonly once: boolean;
}

export function monitorJobSettings(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): MonitorJobSettings {
  const every = readSetting(
    env,
    'HIRELEARN_MONITOR_EVERY_MINUTES',
    positiveNumber('must be a number of minutes > 0'),
    60,
  );
  return Object.freeze({
    dbUrl: env.HIRELEARN_DB,
    dbMemoryLimit: duckdbMemory(env),
    documentsUrl: documentsUrl(env, cwd),
    artifactsDir: env.HIRELEARN_ARTIFACTS,
    everyMinutes: every,
    once: env.HIRELEARN_MONITOR_ONCE === '1' || env.HIRELEARN_MONITOR_ONCE === 'true',
  });
}

/** One pass on the stores the settings name, opened for the pass and closed after it. */
export async function runMonitorJob(
  job: MonitorJobSettings,
  settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
): Promise<MonitorRun> {
  const events = await EventStore.open(job.dbUrl, { memoryLimit: job.dbMemoryLimit });
  try {
    const documents = await openDocumentStore(job.documentsUrl);
    try {
      const registry = await Registry.open({ documents, artifactsDir: job.artifactsDir });
      return await runMonitor({ events, documents, registry: registryTarget(registry) }, settings);
    } finally {
      await documents.close();
    }
  } finally {
    await events.close();
  }
}
