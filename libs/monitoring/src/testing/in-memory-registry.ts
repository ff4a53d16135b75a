import type { FeatureColumns } from '@hirelearn/safeguards';
import type { MonitoredVersion, RollbackRequest, RollbackTarget } from '../monitor/types';

/** A recorded stage change. */
export interface RecordedTransition {
  readonly model: string;
  readonly from_version: string | number;
  readonly to_version: string | number;
  readonly by: string;
  readonly reason: string;
}

/**
 * A minimal in-process registry for tests and the bench: versions in order, one in
 * production, rollback moves production to the version before it and records the reason.
 */
export class InMemoryRegistry implements RollbackTarget {
  readonly transitions: RecordedTransition[] = [];
  private readonly versions: { version: string | number; stage: string }[];

  constructor(
    readonly model: string,
    versions: readonly (string | number)[],
    private readonly reference?: FeatureColumns,
  ) {
    this.versions = versions.map((v, i) => ({
      version: v,
      stage: i === versions.length - 1 ? 'production' : 'archived',
    }));
  }

  get production(): string | number | null {
    return this.versions.find((v) => v.stage === 'production')?.version ?? null;
  }

  async monitoredVersions(): Promise<readonly MonitoredVersion[]> {
    return this.versions
      .filter((v) => v.stage === 'production' || v.stage === 'shadow')
      .map((v) => ({
        model: this.model,
        version: v.version,
        stage: v.stage as 'production' | 'shadow',
        ...(this.reference ? { reference: this.reference } : {}),
      }));
  }

  async rollback(model: string, request: RollbackRequest): Promise<void> {
    const i = this.versions.findIndex((v) => v.stage === 'production');
    if (model !== this.model || i <= 0) throw new Error(`no previous version of ${model}`);
    if (String(this.versions[i].version) !== String(request.expected_production))
      throw new Error(`${model}@${request.expected_production} is no longer in production`);
    this.versions[i].stage = 'archived';
    this.versions[i - 1].stage = 'production';
    this.transitions.push({
      model,
      from_version: this.versions[i].version,
      to_version: this.versions[i - 1].version,
      by: request.by,
      reason: request.reason,
    });
  }
}
