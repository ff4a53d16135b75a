import type { DocumentCollection } from '@hirelearn/store';
import { versionForms } from './run-monitor';
import type { LoggedPrediction, MonitoredVersion } from './types';

/**
 * A production version the services do not serve: predictions logged well after it was
 * promoted still come from other versions. The registry says one thing and the users get
 * another, the case of a promoted artifact that failed to load (the service keeps the old
 * version and says so in its log and readiness; this makes it a finding of every pass).
 */
export interface ServingFinding {
  readonly severity: 'critical';
  readonly rule: 'production_not_served';
  readonly model: string;
  readonly production_version: string | number;
  /** When the version entered production (RFC 3339). */
  readonly production_since: string;
  /** Predictions logged after `production_since` + the grace that came from other versions. */
  readonly other_version_predictions: number;
  /** The version of the newest such prediction. */
  readonly served_version: string | number;
  readonly message: string;
}

/**
 * Each production version with predictions of its model logged after it entered production
 * (plus `graceMs`, the time a service takes to load a new version) that came from another
 * version. Counts only, so the check stays cheap on millions of logged predictions.
 */
export async function checkServedVersions(
  versions: readonly MonitoredVersion[],
  predictions: DocumentCollection<LoggedPrediction>,
  graceMs: number,
): Promise<ServingFinding[]> {
  const out: ServingFinding[] = [];
  for (const v of versions) {
    if (v.stage !== 'production' || !v.production_since) continue;
    const after = new Date(Date.parse(v.production_since) + graceMs).toISOString();
    const since = { model: v.model, predicted_at: { $gt: after } };
    const all = await predictions.count(since);
    if (all === 0) continue;
    const ours = await predictions.count({ ...since, version: { $in: versionForms(v.version) } });
    if (all === ours) continue;
    const newest = await predictions.find(since, {
      sort: { field: 'predicted_at', direction: -1 },
      limit: 1,
    });
    const served = newest[0]?.version ?? '?';
    out.push({
      severity: 'critical',
      rule: 'production_not_served',
      model: v.model,
      production_version: v.version,
      production_since: v.production_since,
      other_version_predictions: all - ours,
      served_version: served,
      message:
        `${v.model}@${v.version} is in production since ${v.production_since}, but ` +
        `${all - ours} of ${all} predictions logged after ${after} came from other versions ` +
        `(newest: version ${served}); the services did not switch (see their log and ModelReady)`,
    });
  }
  return out;
}
