/**
 * Attribution results kept with the run that produced them and the window they read, so that
 * what the nightly learned can be read back (`hirelearn attribution show`) and every
 * recommendation's evidence ids resolve to a stored effect.
 */
import type { OutcomeAttribution } from '@hirelearn/attribution';
import type { DocumentCollection, DocumentStore, StoredDocument } from '@hirelearn/store';

export const ATTRIBUTION_RESULTS_COLLECTION = 'attribution_results';

export interface StoredAttribution extends StoredDocument, OutcomeAttribution {
  /** The nightly run that produced it (also its `_id`). */
  readonly run_id: string;
}

export function attributionResultsCollection(
  docs: DocumentStore,
): DocumentCollection<StoredAttribution> {
  return docs.collection<StoredAttribution>(ATTRIBUTION_RESULTS_COLLECTION, {
    indexes: ['run_id', 'generated_at'],
  });
}

/** The id of one effect of a stored result: what a recommendation cites as its evidence. */
export function effectEvidenceId(runId: string, treatment: string): string {
  return `${runId}/${treatment}`;
}

/** Stores a run's attribution; returns its id (the run id). */
export async function saveAttribution(
  docs: DocumentStore,
  runId: string,
  result: OutcomeAttribution,
): Promise<string> {
  await attributionResultsCollection(docs).insert({ _id: runId, run_id: runId, ...result });
  return runId;
}

/** The result of one run, or the newest stored when runId is absent; null when there is none. */
export async function loadAttribution(
  docs: DocumentStore,
  runId?: string,
): Promise<StoredAttribution | null> {
  const results = attributionResultsCollection(docs);
  if (runId !== undefined) return results.get(runId);
  const [newest] = await results.find(
    {},
    { sort: { field: 'generated_at', direction: -1 }, limit: 1 },
  );
  return newest ?? null;
}
