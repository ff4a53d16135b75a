import { Registry, RegistryGrpcClient } from '@hirelearn/registry';
import { startGrpcServer, type RunningService, type ServerSecuritySettings } from '@hirelearn/rpc';
import { EventStore, openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { registryTarget, type RegistryView } from '../monitor/registry-target';
import { DEFAULT_MONITOR_SETTINGS, type MonitorSettings } from '../monitor/settings';
import { monitorBindings } from './grpc';
import { MonitorLoop } from './monitor-loop';
import type { MonitorServiceSettings } from './settings';

/**
 * Serves the Monitor service for a loop on host:port (port 0: any free port). Shutting down
 * stops the schedule, waits for a running pass, ends the WatchHealth streams, then the server.
 */
export async function startMonitorServer(
  loop: MonitorLoop,
  documents: DocumentStore,
  options: {
    host?: string;
    port?: number;
    security?: ServerSecuritySettings;
    onShutdown?: () => Promise<void> | void;
  } = {},
): Promise<RunningService> {
  const bindings = monitorBindings(loop, documents);
  const running = await startGrpcServer([bindings], {
    host: options.host,
    port: options.port,
    security: options.security,
    onShutdown: options.onShutdown,
  });
  return {
    ...running,
    shutdown: async () => {
      await loop.stop();
      bindings.endStreams();
      await running.shutdown();
    },
  };
}

/**
 * The drift monitor service of `apps/drift-monitor` and `hirelearn serve drift-monitor`: one
 * monitoring pass every `everyMinutes` (the first at start) and on RunNow. The document store
 * (predictions, health, an in-process registry) stays open; the event store is opened for each
 * pass so that ingestion can write between passes. Rollbacks go to the registry service when
 * `registryAddress` is set.
 */
export async function serveDriftMonitor(
  settings: MonitorServiceSettings,
  monitor: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
  onPassError: (error: unknown) => void = () => undefined,
): Promise<RunningService> {
  const documents = await openDocumentStore(settings.documentsUrl);
  let registry: { view: RegistryView; close: () => void };
  try {
    if (settings.registryAddress) {
      const client = new RegistryGrpcClient(settings.registryAddress, {
        security: settings.registrySecurity,
      });
      registry = { view: client, close: () => client.close() };
    } else {
      const local = await Registry.open({ documents, artifactsDir: settings.artifactsDir });
      registry = { view: local, close: () => local.close() };
    }
  } catch (error) {
    await documents.close();
    throw error;
  }
  const target = registryTarget(registry.view);
  const loop = new MonitorLoop(async () => {
    const events = await EventStore.open(settings.dbUrl, {
      memoryLimit: settings.dbMemoryLimit,
    });
    return { deps: { events, documents, registry: target }, close: () => events.close() };
  }, monitor);
  const running = await startMonitorServer(loop, documents, {
    host: settings.host,
    port: settings.port,
    security: settings.security,
    onShutdown: async () => {
      registry.close();
      await documents.close();
    },
  });
  loop.start(settings.everyMinutes, onPassError);
  return running;
}
