import type { EvidenceKind } from '@hirelearn/optimize';
import type { DocumentStore, StoredDocument } from '@hirelearn/store';
import type { ErasedEvidence, EvidenceCheck } from './recommendations';

/**
 * An EvidenceCheck over the document store: evidence of a kind the map names is present while
 * its document remains in that collection, and erased once a deletion request (or a retention
 * rule) has removed it. An evidence id names its document: the whole id, or the part before
 * the first `/` for an item inside one (the nightly's effects are `run/treatment/method`, in
 * the run's attribution document). Kinds the map does not name are not checked (their evidence
 * lives outside the document store, e.g. a registry version).
 */
export function evidenceInCollections(
  documents: DocumentStore,
  collections: Readonly<Partial<Record<EvidenceKind, string>>>,
): EvidenceCheck {
  return async (evidence) => {
    const erased: ErasedEvidence[] = [];
    for (const e of evidence) {
      const name = collections[e.kind];
      if (name === undefined) continue;
      const documentId = e.id.split('/')[0];
      if ((await documents.collection<StoredDocument>(name).get(documentId)) === null)
        erased.push({ kind: e.kind, id: e.id, reason: `no longer in ${name} (erased)` });
    }
    return erased;
  };
}
