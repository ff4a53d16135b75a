import { EventEmitter } from 'node:events';
import {
  ConflictError,
  FailedPreconditionError,
  IntegrityError,
  InvalidArgumentError,
  NotFoundError,
} from '@hirelearn/rpc';
import type { DocumentStore } from '@hirelearn/store';
import { ArtifactStore } from './artifact-store';
import {
  flushJournal,
  registryCollections,
  transitionId,
  versionId,
  type ModelDoc,
  type RegistryCollections,
  type TransitionDoc,
  type VersionDoc,
} from './documents';
import { registrySettings, type RegistrySettings } from './settings';
import { ModelWatcher, type WatchOptions, type WatchSource } from './watcher';
import type {
  ArtifactCheck,
  ChangeBy,
  GuardedChange,
  ModelVersion,
  RegisterVersionInput,
  Stage,
  StageChange,
  StageTransition,
  Watch,
  WatchEvent,
} from './types';
import { checkChangeBy, checkModelName, checkRegistration, checkVersionNumber } from './validate';

export interface RegistryOptions {
  readonly documents: DocumentStore;
  /** Default `./.hirelearn/artifacts` (resolved against the working directory). */
  readonly artifactsDir?: string;
  readonly settings?: Partial<Omit<RegistrySettings, 'artifacts_dir'>>;
  /** The time recorded on registrations and transitions; injectable for tests. */
  readonly clock?: () => Date;
  /** Refuses artifacts that do not load (none given: any bytes are stored). */
  readonly checkArtifact?: ArtifactCheck;
}

/** A stage move a change asks for; the registry numbers and records it. */
interface Move {
  readonly version: number;
  readonly from: Stage | null;
  readonly to: Stage;
}

interface Plan {
  readonly moves: readonly Move[];
  readonly production_history: readonly number[];
  /** The version the change is about (returned to the caller). */
  readonly subject: number;
}

const REGISTER_ATTEMPTS = 20;

/**
 * The model registry (MLflow's shape): numbered versions per model, stages, every
 * transition recorded with who, when and why, artifacts content-addressed and verified when
 * loaded. Metadata lives in the document store (SQLite embedded, or MongoDB); every stage
 * change is one compare-and-set on the model's document, so concurrent changes of one model
 * resolve to one winner and the loser gets a ConflictError.
 */
export class Registry {
  readonly settings: RegistrySettings;
  private readonly c: RegistryCollections;
  private readonly artifacts: ArtifactStore;
  private readonly changes = new EventEmitter();
  private readonly watches = new Set<Watch>();

  private constructor(
    documents: DocumentStore,
    settings: RegistrySettings,
    private readonly clock: () => Date,
    private readonly checkArtifact: ArtifactCheck | null,
  ) {
    this.settings = settings;
    this.c = registryCollections(documents);
    this.artifacts = new ArtifactStore(settings.artifacts_dir);
    this.changes.setMaxListeners(0);
  }

  static async open(options: RegistryOptions): Promise<Registry> {
    const settings = registrySettings({
      ...options.settings,
      artifacts_dir: options.artifactsDir,
    });
    return new Registry(
      options.documents,
      settings,
      options.clock ?? (() => new Date()),
      options.checkArtifact ?? null,
    );
  }

  /** Stores the artifact under its hash and records a new candidate version (1, 2, 3, ...). */
  async register(input: RegisterVersionInput): Promise<ModelVersion> {
    checkRegistration(input, this.settings.max_artifact_bytes);
    await this.checkLoads(input);
    const stored = await this.artifacts.put(input.content);
    if (input.expected_sha256 !== undefined && input.expected_sha256 !== stored.sha256)
      throw new IntegrityError(
        `content hashes to sha256 ${stored.sha256}, not the expected ${input.expected_sha256}`,
      );
    const lineage = {
      model: input.model,
      artifact: { ...stored, format: input.format },
      metrics: { ...input.metrics },
      training_data_window: {
        start: input.training_data_window.start,
        end: input.training_data_window.end,
      },
      seed: input.seed,
      code_version: input.code_version,
      settings_hash: input.settings_hash,
      registered_by: input.registered_by,
      description: input.description ?? '',
      tags: { ...(input.tags ?? {}) },
    };
    // Registrations never conflict with each other: a lost compare-and-set only means
    // another version took the number, so read again and take the next one.
    for (let attempt = 0; attempt < REGISTER_ATTEMPTS; attempt++) {
      const now = this.now();
      const current = await this.c.models.get(input.model);
      if (current) await flushJournal(this.c, current);
      const version = (current?.latest_version ?? 0) + 1;
      const sequence = (current?.transition_count ?? 0) + 1;
      const versionDoc: VersionDoc = {
        _id: versionId(input.model, version),
        version,
        registered_at: now,
        ...lineage,
      };
      const transition: TransitionDoc = {
        _id: transitionId(input.model, sequence),
        model: input.model,
        version,
        from_stage: null,
        to_stage: 'candidate',
        by: input.registered_by,
        at: now,
        reason: input.description?.trim() || 'registered',
        sequence,
      };
      const next: ModelDoc = {
        _id: input.model,
        model: input.model,
        created_at: current?.created_at ?? now,
        latest_version: version,
        stages: { ...(current?.stages ?? {}), [String(version)]: 'candidate' },
        production_history: current?.production_history ?? [],
        transition_count: sequence,
        journal: { version: versionDoc, transitions: [transition] },
      };
      const written = current
        ? await this.c.models.replaceIf(next, current.revision ?? 0)
        : await this.c.models.insert(next).catch((error: Error) => {
            if (error.name === 'DuplicateDocumentError') return null;
            throw error;
          });
      if (!written) continue;
      await flushJournal(this.c, written);
      this.changes.emit(input.model);
      return toModelVersion(versionDoc, 'candidate');
    }
    throw new ConflictError(
      `model '${input.model}' changed ${REGISTER_ATTEMPTS} times while registering; try again`,
    );
  }

  /** The artifact check, its failure an InvalidArgumentError on `content` with the reason. */
  private async checkLoads(input: RegisterVersionInput): Promise<void> {
    if (!this.checkArtifact) return;
    try {
      await this.checkArtifact({
        model: input.model,
        format: input.format,
        content: input.content,
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new InvalidArgumentError(
        `content: the ${input.format} artifact does not load as model '${input.model}': ${why}`,
      );
    }
  }

  /** One version; NotFoundError if the model or the version does not exist. */
  async get(model: string, version: number): Promise<ModelVersion> {
    checkVersionNumber(version);
    const doc = await this.modelDoc(model);
    return this.versionOf(doc, version);
  }

  /** The version in production, or null when none is. */
  async production(model: string): Promise<ModelVersion | null> {
    checkModelName(model);
    const doc = await this.c.models.get(model);
    if (!doc) return null;
    await flushJournal(this.c, doc);
    const v = productionOf(doc);
    return v === null ? null : this.versionOf(doc, v);
  }

  /** Versions of one model (or of all), oldest first, optionally of one stage. */
  async list(filter: { model?: string; stage?: Stage } = {}): Promise<ModelVersion[]> {
    const docs = filter.model
      ? [await this.modelDoc(filter.model)]
      : await this.c.models.find({}, { sort: { field: 'model', direction: 1 } });
    const out: ModelVersion[] = [];
    for (const doc of docs) {
      await flushJournal(this.c, doc);
      const versions = await this.c.versions.find(
        { model: doc.model },
        { sort: { field: 'version', direction: 1 } },
      );
      for (const v of versions) {
        const stage = doc.stages[String(v.version)];
        if (stage && (!filter.stage || filter.stage === stage)) out.push(toModelVersion(v, stage));
      }
    }
    return out;
  }

  /** Names of every registered model. */
  async models(): Promise<string[]> {
    const docs = await this.c.models.find({}, { sort: { field: 'model', direction: 1 } });
    return docs.map((d) => d.model);
  }

  /** The audit trail of a model (or of one version), oldest first. */
  async transitions(model: string, version?: number): Promise<StageTransition[]> {
    const doc = await this.modelDoc(model);
    await flushJournal(this.c, doc);
    const rows = await this.c.transitions.find(
      version === undefined ? { model } : { model, version },
      { sort: { field: 'sequence', direction: 1 } },
    );
    return rows.map(toTransition);
  }

  /**
   * Moves a version to production (default) or shadow. Promoting to production moves the
   * current production version back to candidate and remembers it for `rollback`.
   */
  async promote(
    model: string,
    version: number,
    change: GuardedChange & { readonly to_stage?: 'production' | 'shadow' },
  ): Promise<StageChange> {
    checkVersionNumber(version);
    checkChangeBy(change);
    const to = change.to_stage ?? 'production';
    return this.change(model, change, (doc) => {
      checkExpectedProduction(doc, change);
      const from = stageOf(doc, version);
      if (from === 'archived')
        throw new FailedPreconditionError(
          `${model}@${version} is archived; register it again to serve it`,
        );
      if (from === to) throw new FailedPreconditionError(`${model}@${version} is already ${to}`);
      if (from === 'production')
        throw new FailedPreconditionError(
          `${model}@${version} is in production; promote or roll back to another version first`,
        );
      const current = productionOf(doc);
      const moves: Move[] = [];
      let history = doc.production_history;
      if (to === 'production' && current !== null) {
        moves.push({ version: current, from: 'production', to: 'candidate' });
        history = [...history.filter((v) => v !== current), current];
      }
      moves.push({ version, from, to });
      return { moves, production_history: history, subject: version };
    });
  }

  /**
   * Puts the previous production version back in production (or the version `to` names);
   * the current one goes back to candidate. Rolling back twice goes further back, never
   * forth.
   */
  async rollback(
    model: string,
    change: GuardedChange & { readonly to?: number },
  ): Promise<StageChange> {
    checkChangeBy(change);
    if (change.to !== undefined) checkVersionNumber(change.to, 'to');
    return this.change(model, change, (doc) => {
      checkExpectedProduction(doc, change);
      const current = productionOf(doc);
      const history = doc.production_history.filter(
        (v) => v !== current && doc.stages[String(v)] !== 'archived',
      );
      const target = change.to ?? history[history.length - 1];
      if (target === undefined)
        throw new FailedPreconditionError(
          `${model} has no previous production version to roll back to; name one with 'to'`,
        );
      const from = stageOf(doc, target);
      if (from === 'archived')
        throw new FailedPreconditionError(`${model}@${target} is archived and cannot serve`);
      if (target === current)
        throw new FailedPreconditionError(`${model}@${target} is already in production`);
      const moves: Move[] = [];
      if (current !== null) moves.push({ version: current, from: 'production', to: 'candidate' });
      moves.push({ version: target, from, to: 'production' });
      const idx = doc.production_history.lastIndexOf(target);
      const rest = idx >= 0 ? doc.production_history.slice(0, idx) : doc.production_history;
      return { moves, production_history: rest, subject: target };
    });
  }

  /** Retires a version; the production version cannot be archived (roll back first). */
  async archive(model: string, version: number, change: ChangeBy): Promise<StageChange> {
    checkVersionNumber(version);
    checkChangeBy(change);
    return this.change(model, change, (doc) => {
      const from = stageOf(doc, version);
      if (from === 'archived') throw new FailedPreconditionError(`${model}@${version} is archived`);
      if (from === 'production')
        throw new FailedPreconditionError(
          `${model}@${version} is in production; promote or roll back to another version first`,
        );
      return {
        moves: [{ version, from, to: 'archived' }],
        production_history: doc.production_history.filter((v) => v !== version),
        subject: version,
      };
    });
  }

  /** The artifact's bytes, verified against the registered sha256 (IntegrityError if not). */
  async loadArtifact(ref: Pick<ModelVersion, 'model' | 'version'>): Promise<Buffer> {
    // The hash comes from the registry's own record, never from the caller's copy.
    const { artifact } = await this.get(ref.model, ref.version);
    return this.artifacts.get(artifact.sha256, `${ref.model}@${ref.version}`);
  }

  /**
   * Calls onChange for every stage change of a model, made here or by any other process on
   * the same store (polled every `watch_poll_ms`; changes made through this registry are
   * seen at once). With `send_current`, first sends the production version as it is.
   */
  watch(model: string, onChange: (event: WatchEvent) => void, options: WatchOptions = {}): Watch {
    checkModelName(model);
    const source: WatchSource = {
      collections: this.c,
      productionOf: (doc) => this.productionVersion(doc),
      toModelVersion,
      toTransition,
    };
    const check = (): void => void watcher.check();
    const timer = setInterval(check, this.settings.watch_poll_ms);
    timer.unref();
    const watcher = new ModelWatcher(source, model, onChange, options, () => {
      clearInterval(timer);
      this.changes.off(model, check);
      this.watches.delete(watcher);
    });
    this.changes.on(model, check);
    this.watches.add(watcher);
    check();
    return watcher;
  }

  /** Stops every watch; the document store stays open (its owner closes it). */
  close(): void {
    for (const w of [...this.watches]) w.close();
  }

  private async productionVersion(doc: ModelDoc): Promise<ModelVersion | null> {
    const v = productionOf(doc);
    return v === null ? null : this.versionOf(doc, v);
  }

  /**
   * One stage change: read the model document, plan the moves, write them with one
   * compare-and-set. A lost compare-and-set is a ConflictError: the state the plan was made
   * on is gone, so the caller decides again rather than the registry guessing.
   */
  private async change(
    model: string,
    change: ChangeBy,
    plan: (doc: ModelDoc) => Plan,
  ): Promise<StageChange> {
    const doc = await this.modelDoc(model);
    await flushJournal(this.c, doc);
    const p = plan(doc);
    const at = this.now();
    const stages: Record<string, Stage> = { ...doc.stages };
    const transitions: TransitionDoc[] = p.moves.map((m, i) => {
      stages[String(m.version)] = m.to;
      const sequence = doc.transition_count + i + 1;
      return {
        _id: transitionId(model, sequence),
        model,
        version: m.version,
        from_stage: m.from,
        to_stage: m.to,
        by: change.by,
        at,
        reason: change.reason,
        sequence,
      };
    });
    const next: ModelDoc = {
      ...doc,
      stages,
      production_history: [...p.production_history],
      transition_count: doc.transition_count + transitions.length,
      journal: { version: null, transitions },
    };
    const written = await this.c.models.replaceIf(next, doc.revision ?? 0);
    if (!written)
      throw new ConflictError(
        `${model} was changed by someone else while this change was made; nothing was changed, ` +
          'look at its versions again and retry if still wanted',
      );
    await flushJournal(this.c, written);
    this.changes.emit(model);
    return {
      version: await this.versionOf(written, p.subject),
      transitions: transitions.map(toTransition),
    };
  }

  private async modelDoc(model: string): Promise<ModelDoc> {
    checkModelName(model);
    const doc = await this.c.models.get(model);
    if (!doc) throw new NotFoundError(`no model '${model}' is registered`);
    return doc;
  }

  private async versionOf(doc: ModelDoc, version: number): Promise<ModelVersion> {
    const stage = stageOf(doc, version);
    let v = await this.c.versions.get(versionId(doc.model, version));
    if (!v) {
      await flushJournal(this.c, doc);
      v = await this.c.versions.get(versionId(doc.model, version));
    }
    if (!v) throw new NotFoundError(`${doc.model}@${version} has no stored lineage`);
    return toModelVersion(v, stage);
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

function stageOf(doc: ModelDoc, version: number): Stage {
  const stage = doc.stages[String(version)];
  if (!stage)
    throw new NotFoundError(
      `model '${doc.model}' has no version ${version} (versions 1-${doc.latest_version})`,
    );
  return stage;
}

function checkExpectedProduction(doc: ModelDoc, change: GuardedChange): void {
  const expected = change.expected_production;
  if (expected === undefined) return;
  const current = productionOf(doc);
  if (current !== expected)
    throw new ConflictError(
      `${doc.model} has ${current === null ? 'no version' : `version ${current}`} in production, ` +
        `not the expected ${expected === null ? 'none' : expected}; nothing was changed`,
    );
}

function productionOf(doc: ModelDoc): number | null {
  for (const [v, stage] of Object.entries(doc.stages)) if (stage === 'production') return Number(v);
  return null;
}

function toModelVersion(doc: VersionDoc, stage: Stage): ModelVersion {
  const { _id, revision: _revision, ...rest } = doc;
  return Object.freeze({ ...rest, stage });
}

function toTransition(doc: TransitionDoc): StageTransition {
  const { _id, revision: _revision, ...rest } = doc;
  return Object.freeze(rest);
}
