import {
  clientSecuritySettings,
  serverSecuritySettings,
  type ClientSecuritySettings,
  type ServerSecuritySettings,
} from '@hirelearn/rpc';
import { clientSecurityVariables, listenAddress, serverSecurityVariables } from '@hirelearn/env';
import { monitorJobSettings, type MonitorJobSettings } from '../monitor/job';

export const DEFAULT_MONITOR_PORT = 50054;

/** Where the served drift monitor listens, and what its passes read (from the environment once). */
export interface MonitorServiceSettings extends MonitorJobSettings {
  readonly host: string;
  readonly port: number;
  /** `host:port` of the registry service; null: open the registry in-process. */
  readonly registryAddress: string | null;
  /** TLS, mutual TLS and credentials of the Monitor service (HIRELEARN_TLS_CERT, HIRELEARN_CREDENTIALS, ...). */
  readonly security: ServerSecuritySettings;
  /** TLS and token of the calls to the registry service (HIRELEARN_TLS_CA, HIRELEARN_TOKEN, ...). */
  readonly registrySecurity: ClientSecuritySettings;
}

/**
 * The job's settings (HIRELEARN_DB, HIRELEARN_DOCUMENTS, HIRELEARN_ARTIFACTS,
 * HIRELEARN_MONITOR_EVERY_MINUTES) plus HIRELEARN_MONITOR_PORT (50054),
 * HIRELEARN_MONITOR_HOST (else HIRELEARN_SERVICE_HOST, else 127.0.0.1), HIRELEARN_REGISTRY_ADDRESS
 * and the security settings of the server and of its registry client; `overrides`
 * (command-line options) win over the environment.
 */
export function monitorServiceSettings(
  env: NodeJS.ProcessEnv,
  overrides: Partial<MonitorServiceSettings> = {},
): MonitorServiceSettings {
  const address = listenAddress(env, 'MONITOR', DEFAULT_MONITOR_PORT);
  const every = overrides.everyMinutes;
  if (every !== undefined && !(every > 0))
    throw new RangeError(`everyMinutes must be > 0, got ${every}`);
  return Object.freeze({
    ...monitorJobSettings(env),
    ...overrides,
    host: overrides.host ?? address.host,
    port: overrides.port ?? address.port,
    registryAddress:
      overrides.registryAddress !== undefined
        ? overrides.registryAddress
        : (env.HIRELEARN_REGISTRY_ADDRESS ?? null),
    security: overrides.security ?? serverSecuritySettings(serverSecurityVariables(env)),
    registrySecurity:
      overrides.registrySecurity ?? clientSecuritySettings(clientSecurityVariables(env)),
  });
}
