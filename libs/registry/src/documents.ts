import {
  insertOnce,
  type DocumentCollection,
  type DocumentStore,
  type StoredDocument,
} from '@hirelearn/store';
import type { ModelVersion, Stage, StageTransition } from './types';

/**
 * How the registry lays itself out in the document store. The per-model document is the one
 * source of truth for stages: every change is one compare-and-set on it (`replaceIf`), so two
 * concurrent changes of one model cannot both win. Version documents are written once; the
 * transitions and the new version a change records ride in the model document's `journal`
 * and are copied to their collections right after (and again by anyone who finds them
 * missing), so a crash between the two writes loses nothing.
 */
export interface ModelDoc extends StoredDocument {
  readonly model: string;
  readonly created_at: string;
  readonly latest_version: number;
  /** Stage of every version, keyed by the version number as a string. */
  readonly stages: Readonly<Record<string, Stage>>;
  /** Versions that were in production before the current one, oldest first (for rollback). */
  readonly production_history: readonly number[];
  readonly transition_count: number;
  readonly journal: Journal;
}

export interface Journal {
  readonly version: VersionDoc | null;
  readonly transitions: readonly TransitionDoc[];
}

/**
 * A version's lineage, immutable once written: the ModelVersion without its stage, which
 * lives in the model document (`toModelVersion` adds it back).
 */
export type VersionDoc = StoredDocument & Omit<ModelVersion, 'stage'>;

export type TransitionDoc = StoredDocument & StageTransition;

export const versionId = (model: string, version: number): string => `${model}@${version}`;
/** Zero-padded so that `_id` order is sequence order. */
export const transitionId = (model: string, sequence: number): string =>
  `${model}#${String(sequence).padStart(10, '0')}`;

export interface RegistryCollections {
  readonly models: DocumentCollection<ModelDoc>;
  readonly versions: DocumentCollection<VersionDoc>;
  readonly transitions: DocumentCollection<TransitionDoc>;
}

export function registryCollections(documents: DocumentStore): RegistryCollections {
  return {
    models: documents.collection<ModelDoc>('models'),
    versions: documents.collection<VersionDoc>('model_versions', { indexes: ['model'] }),
    transitions: documents.collection<TransitionDoc>('model_transitions', {
      indexes: ['model', 'sequence'],
    }),
  };
}

/** Copies a model document's journal to the collections unless it is already there. */
export async function flushJournal(c: RegistryCollections, doc: ModelDoc): Promise<void> {
  const { version, transitions } = doc.journal;
  const last = transitions[transitions.length - 1];
  if (last === undefined && version === null) return;
  if (last !== undefined && (await c.transitions.get(last._id)) !== null) return;
  if (version !== null) await insertOnce(c.versions, version);
  for (const t of transitions) await insertOnce(c.transitions, t);
}
