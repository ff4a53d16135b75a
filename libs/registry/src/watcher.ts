import { PolledWatch } from '@hirelearn/store';
import {
  flushJournal,
  versionId,
  type ModelDoc,
  type RegistryCollections,
  type TransitionDoc,
  type VersionDoc,
} from './documents';
import type { ModelVersion, Stage, StageTransition, Watch, WatchEvent } from './types';

/** What a watcher reads through the registry. */
export interface WatchSource {
  readonly collections: RegistryCollections;
  productionOf(doc: ModelDoc): Promise<ModelVersion | null>;
  toModelVersion(doc: VersionDoc, stage: Stage): ModelVersion;
  toTransition(doc: TransitionDoc): StageTransition;
}

export interface WatchOptions {
  readonly send_current?: boolean;
  readonly onError?: (error: unknown) => void;
}

/**
 * Follows one model's transitions: a check reads the model document (cheap) and, when its
 * revision moved, the transitions after the last one delivered, in order, one check at a time
 * (SerialCheck).
 */
export class ModelWatcher extends PolledWatch<WatchEvent> implements Watch {
  private lastSequence: number | null = null;
  private lastRevision = -1;

  constructor(
    private readonly source: WatchSource,
    private readonly model: string,
    onChange: (event: WatchEvent) => void,
    private readonly options: WatchOptions,
    onClose: () => void,
  ) {
    super((event) => onChange(Object.freeze(event)), onClose, options.onError);
  }

  protected async poll(): Promise<void> {
    const c = this.source.collections;
    const doc = await c.models.get(this.model);
    if (this.lastSequence === null) {
      // A model not registered yet: every transition it will have is news.
      if (doc) await flushJournal(c, doc);
      this.lastSequence = doc ? doc.transition_count : 0;
      this.lastRevision = doc ? (doc.revision ?? 0) : -1;
      if (this.options.send_current) {
        const production = doc ? await this.source.productionOf(doc) : null;
        this.emit({ transition: null, version: production, production });
      }
      return;
    }
    if (!doc || doc.revision === this.lastRevision) return;
    await flushJournal(c, doc);
    const rows = await c.transitions.find(
      { model: this.model, sequence: { $gt: this.lastSequence } },
      { sort: { field: 'sequence', direction: 1 } },
    );
    const production = await this.source.productionOf(doc);
    for (const row of rows) {
      const stage = doc.stages[String(row.version)];
      const versionDoc = await c.versions.get(versionId(this.model, row.version));
      this.lastSequence = row.sequence;
      this.emit({
        transition: this.source.toTransition(row),
        version: versionDoc && stage ? this.source.toModelVersion(versionDoc, stage) : null,
        production,
      });
    }
    this.lastRevision = doc.revision ?? 0;
  }
}
