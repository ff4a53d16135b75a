import { evidenceInCollections, type EvidenceCheck } from '@hirelearn/config';
import type { DocumentStore } from '@hirelearn/store';
import { ATTRIBUTION_RESULTS_COLLECTION } from './attribution-results';

/**
 * Where the nightly keeps the evidence its recommendations cite, by kind: an effect
 * (`run/treatment/method`) lives in its run's attribution document. The other kinds cite
 * tables inside an optimizer's result or ids kept elsewhere (a registry version, an
 * experiment) and are not checked here.
 */
export const NIGHTLY_EVIDENCE_COLLECTIONS = Object.freeze({
  causal_effect: ATTRIBUTION_RESULTS_COLLECTION,
});

/**
 * The check every approval passes (the registry's Decide, `hirelearn recommendations
 * approve`): a recommendation whose effect's run was erased (a deletion request removed its
 * attribution) cannot be approved.
 */
export function nightlyEvidenceCheck(documents: DocumentStore): EvidenceCheck {
  return evidenceInCollections(documents, NIGHTLY_EVIDENCE_COLLECTIONS);
}
