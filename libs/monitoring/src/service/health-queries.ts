import type { DocumentStore } from '@hirelearn/store';
import { modelHealthCollection, versionForms } from '../monitor/run-monitor';
import type { ModelHealth } from '../monitor/types';

export interface HealthQuery {
  readonly model: string;
  /** Every version when absent. */
  readonly version?: string | number;
  /** Only windows with a critical reason. */
  readonly critical_only?: boolean;
}

/** Stored windows of a model (of one version), by version then window start. */
export async function findHealth(
  documents: DocumentStore,
  query: HealthQuery,
): Promise<ModelHealth[]> {
  const rows = await modelHealthCollection(documents).find(
    query.version === undefined
      ? { model: query.model }
      : { model: query.model, version: { $in: versionForms(query.version) } },
    { sort: { field: 'window_start', direction: 1 } },
  );
  const kept = query.critical_only ? rows.filter((h) => h.critical.length > 0) : rows;
  return kept.sort((a, b) => Number(a.version) - Number(b.version));
}

/**
 * The latest window of a version; without a version, the model's most recently scored
 * window whatever its version (after a rollback that is the judged version's, which is what
 * a person asking "how is this model doing" wants to see). Null when nothing is stored.
 */
export async function latestHealth(
  documents: DocumentStore,
  model: string,
  version?: string | number,
): Promise<ModelHealth | null> {
  const rows = await findHealth(documents, { model, version });
  let best: ModelHealth | null = null;
  for (const h of rows) {
    if (
      best === null ||
      h.window_start > best.window_start ||
      (h.window_start === best.window_start && Number(h.version) > Number(best.version))
    )
      best = h;
  }
  return best;
}
