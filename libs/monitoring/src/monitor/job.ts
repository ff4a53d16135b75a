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
  readonly db_url: string | undefined;
  /** DuckDB's memory limit for the event store (HIRELEARN_DUCKDB_MEMORY; the store's default). */
  readonly db_memory_limit?: string;
  readonly documents_url: string;
  readonly artifacts_dir: string | undefined;
  /** Minutes between passes. */
  readonly every_minutes: number;
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
    db_url: env.HIRELEARN_DB,
    db_memory_limit: duckdbMemory(env),
    documents_url: documentsUrl(env, cwd),
    artifacts_dir: env.HIRELEARN_ARTIFACTS,
    every_minutes: every,
    once: env.HIRELEARN_MONITOR_ONCE === '1' || env.HIRELEARN_MONITOR_ONCE === 'true',
  });
}

/** One pass on the stores the settings name, opened for the pass and closed after it. */
export async function runMonitorJob(
  job: MonitorJobSettings,
  settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
): Promise<MonitorRun> {
  const events = await EventStore.open(job.db_url, { memoryLimit: job.db_memory_limit });
  try {
    const documents = await openDocumentStore(job.documents_url);
    try {
      const registry = await Registry.open({ documents, artifactsDir: job.artifacts_dir });
      return await runMonitor({ events, documents, registry: registryTarget(registry) }, settings);
    } finally {
      await documents.close();
    }
  } finally {
    await events.close();
  }
}
