import type { Registry } from '@hirelearn/registry';
import type { MonitoredVersion, RollbackTarget } from './types';

/** What the monitor uses of a registry: the in-process `Registry` or its gRPC client. */
export type RegistryView = Pick<Registry, 'list' | 'rollback' | 'transitions'>;

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
      const out: MonitoredVersion[] = [];
      for (const v of production) {
        // The newest move into production is when the services should have switched.
        const moves = await registry.transitions(v.model, v.version);
        const since = moves.filter((t) => t.to_stage === 'production').pop()?.at;
        out.push({
          model: v.model,
          version: v.version,
          stage: 'production',
          production_since: since,
        });
      }
      for (const v of shadow) out.push({ model: v.model, version: v.version, stage: 'shadow' });
      return out;
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
