import type { Registry } from '@hirelearn/registry';
import type { MonitoredVersion, RollbackTarget } from './types';

/** What the monitor uses of a registry: the in-process `Registry` or its gRPC client. */
export type RegistryView = Pick<Registry, 'list' | 'rollback'>;

/**
 * The model registry as the monitor sees it: production and shadow versions are watched;
 * a rollback is the registry's own (production back to the version before it, recorded as a
 * transition with who and why), guarded by `expected_production` so it changes nothing when
 * the judged version no longer serves. The registry stores no training distribution yet, so
 * drift is measured against each version's first scored window.
 */
export function registryTarget(registry: RegistryView): RollbackTarget {
  return {
    async monitoredVersions(): Promise<readonly MonitoredVersion[]> {
      const production = await registry.list({ stage: 'production' });
      const shadow = await registry.list({ stage: 'shadow' });
      return [...production, ...shadow].map((v) => ({
        model: v.model,
        version: v.version,
        stage: v.stage === 'production' ? 'production' : 'shadow',
      }));
    },
    async rollback(model, request) {
      return registry.rollback(model, {
        by: request.by,
        reason: request.reason,
        expected_production: Number(request.expected_production),
      });
    },
  };
}
