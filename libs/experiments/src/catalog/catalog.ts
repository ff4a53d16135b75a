/**
 * The experiment catalog on the document store. Every change goes through compare-and-set
 * on the document's revision (two writers never both win) and leaves a record of who, when
 * and why in `experiment_changes`. Refusals are results with a status, not exceptions.
 */
import { randomUUID } from 'node:crypto';
import { checkExperimentEthics, EthicsViolation } from '@hirelearn/safeguards';
import { DuplicateDocumentError } from '@hirelearn/store';
import type { DocumentCollection, DocumentStore } from '@hirelearn/store';
import { ExperimentSettings, experimentSettings } from '../settings';
import { Experiment, ExperimentDefinition, ExperimentOutcome, ExperimentStatus } from '../types';
import {
  Actor,
  CHANGES_COLLECTION,
  DECISIONS_COLLECTION,
  ExperimentChange,
  ExperimentDecision,
  ExperimentDocument,
  EXPERIMENTS_COLLECTION,
} from './documents';
import { validateDefinition } from './validate';

export type CatalogStatus =
  'ok' | 'invalid' | 'exists' | 'not_found' | 'invalid_transition' | 'ethics_refused' | 'conflict';

export interface CatalogResult {
  readonly status: CatalogStatus;
  readonly reason: string;
  readonly experiment: Experiment | null;
  /** Each problem or ethics rule that refused the change. */
  readonly problems: readonly string[];
  readonly violations: readonly EthicsViolation[];
}

function fail(
  status: CatalogStatus,
  reason: string,
  extra: Partial<CatalogResult> = {},
): CatalogResult {
  return { status, reason, experiment: null, problems: [], violations: [], ...extra };
}

function strip(doc: ExperimentDocument): Experiment {
  const { _id, revision, ...rest } = doc;
  return rest;
}

export class ExperimentCatalog {
  private readonly experiments: DocumentCollection<ExperimentDocument>;
  private readonly changes: DocumentCollection<ExperimentChange>;
  private readonly decisionsCollection: DocumentCollection<ExperimentDecision>;
  readonly settings: ExperimentSettings;

  constructor(docs: DocumentStore, settings: Partial<ExperimentSettings> = {}) {
    this.settings = experimentSettings(settings);
    this.experiments = docs.collection<ExperimentDocument>(EXPERIMENTS_COLLECTION, {
      indexes: ['status'],
    });
    this.changes = docs.collection<ExperimentChange>(CHANGES_COLLECTION, {
      indexes: ['experiment_id'],
    });
    this.decisionsCollection = docs.collection<ExperimentDecision>(DECISIONS_COLLECTION, {
      indexes: ['experiment_id'],
    });
  }

  async get(id: string): Promise<Experiment | null> {
    const doc = await this.experiments.get(id);
    return doc ? strip(doc) : null;
  }

  async list(status?: ExperimentStatus): Promise<Experiment[]> {
    const docs = await this.experiments.find(status ? { status } : {}, {
      sort: { field: 'created_at', direction: 1 },
    });
    return docs.map(strip);
  }

  /** The audit trail, oldest first. */
  async history(id: string): Promise<ExperimentChange[]> {
    return this.changes.find({ experiment_id: id }, { sort: { field: 'sequence', direction: 1 } });
  }

  async decisions(id: string): Promise<ExperimentDecision[]> {
    return this.decisionsCollection.find(
      { experiment_id: id },
      { sort: { field: 'sequence', direction: 1 } },
    );
  }

  async create(d: ExperimentDefinition, actor: Actor): Promise<CatalogResult> {
    const problems = validateDefinition(d);
    if (problems.length > 0) return fail('invalid', problems.join('; '), { problems });
    const at = actor.at ?? new Date().toISOString();
    const e: Experiment = {
      experiment_id: d.experiment_id,
      name: d.name,
      hypothesis: d.hypothesis,
      component: d.component,
      parameter: d.parameter,
      variants: d.variants.map((v) => ({ ...v })),
      success_metric: d.success_metric,
      guardrail_metrics: [...(d.guardrail_metrics ?? [])],
      minimum_sample_size: d.minimum_sample_size ?? this.settings.min_users_per_variant,
      maximum_duration_days: d.maximum_duration_days ?? 30,
      status: 'draft',
      created_at: at,
      started_at: null,
      ended_at: null,
      seed: d.seed ?? d.experiment_id,
      hash_version: 2,
      coverage: 0,
      namespace: d.namespace ?? null,
      ethics: { ...d.ethics },
      outcome: null,
      shipped_variant: null,
    };
    if (await this.experiments.get(e.experiment_id)) {
      return fail('exists', `experiment '${e.experiment_id}' already exists`);
    }
    try {
      await this.experiments.insert({ _id: e.experiment_id, ...e });
    } catch (error) {
      // Another writer created it between the check and the insert.
      if (error instanceof DuplicateDocumentError) {
        return fail('exists', `experiment '${e.experiment_id}' already exists`);
      }
      throw error;
    }
    await this.record(e.experiment_id, 'create', null, { ...e }, { ...actor, at });
    return { status: 'ok', reason: '', experiment: e, problems: [], violations: [] };
  }

  /** Starts a draft (at the first ramp step's coverage) or resumes a paused experiment. */
  async start(id: string, actor: Actor): Promise<CatalogResult> {
    const doc = await this.experiments.get(id);
    if (!doc) return fail('not_found', `no experiment '${id}'`);
    if (doc.status !== 'draft' && doc.status !== 'paused') {
      return fail('invalid_transition', `cannot start an experiment that is ${doc.status}`);
    }
    const gate = checkExperimentEthics(doc.ethics, this.settings.ethics);
    if (!gate.passed) {
      const rules = gate.violations.map((v) => `${v.rule}: ${v.message}`);
      return fail('ethics_refused', `ethics gate refused: ${rules.join('; ')}`, {
        violations: gate.violations,
      });
    }
    const at = actor.at ?? new Date().toISOString();
    const patch: Partial<Experiment> =
      doc.status === 'draft'
        ? { status: 'running', started_at: at, coverage: this.settings.ramp_steps[0] ?? 1 }
        : { status: 'running' };
    return this.update(doc, doc.status === 'draft' ? 'start' : 'resume', patch, { ...actor, at });
  }

  async pause(id: string, actor: Actor): Promise<CatalogResult> {
    return this.transition(id, ['running'], 'pause', { status: 'paused' }, actor);
  }

  /**
   * Raises coverage (never lowers it: lowering and raising again would re-enrol users into
   * the experiment mid-flight; stopping goes through pause or complete).
   */
  async setCoverage(id: string, coverage: number, actor: Actor): Promise<CatalogResult> {
    const doc = await this.experiments.get(id);
    if (!doc) return fail('not_found', `no experiment '${id}'`);
    if (doc.status !== 'running') {
      return fail('invalid_transition', `coverage changes only while running (${doc.status})`);
    }
    if (!(coverage >= doc.coverage && coverage <= 1)) {
      return fail(
        'invalid_transition',
        `coverage may only rise, up to 1 (${doc.coverage} -> ${coverage})`,
      );
    }
    return this.update(doc, 'coverage', { coverage }, actor);
  }

  /** Ends the experiment, shipping `shippedVariant` to everyone (null: stop, serve the control). */
  async complete(
    id: string,
    outcome: ExperimentOutcome,
    shippedVariant: string | null,
    actor: Actor,
  ): Promise<CatalogResult> {
    const doc = await this.experiments.get(id);
    if (
      doc &&
      shippedVariant !== null &&
      !doc.variants.some((v) => v.variant_id === shippedVariant)
    ) {
      return fail('invalid', `unknown variant '${shippedVariant}'`);
    }
    const at = actor.at ?? new Date().toISOString();
    return this.transition(
      id,
      ['running', 'paused'],
      outcome,
      { status: 'completed', outcome, shipped_variant: shippedVariant, ended_at: at },
      { ...actor, at },
    );
  }

  async recordDecision(
    decision: Omit<ExperimentDecision, '_id' | 'revision' | 'sequence'>,
  ): Promise<ExperimentDecision> {
    // JSON round trip: NaN becomes null on every engine alike.
    const clean = JSON.parse(JSON.stringify(decision)) as typeof decision;
    const sequence = await this.decisionsCollection.count({
      experiment_id: decision.experiment_id,
    });
    return this.decisionsCollection.insert({ _id: randomUUID(), sequence, ...clean });
  }

  private async transition(
    id: string,
    from: readonly ExperimentStatus[],
    action: string,
    patch: Partial<Experiment>,
    actor: Actor,
  ): Promise<CatalogResult> {
    const doc = await this.experiments.get(id);
    if (!doc) return fail('not_found', `no experiment '${id}'`);
    if (!from.includes(doc.status)) {
      return fail('invalid_transition', `cannot ${action} an experiment that is ${doc.status}`);
    }
    return this.update(doc, action, patch, actor);
  }

  private async update(
    doc: ExperimentDocument,
    action: string,
    patch: Partial<Experiment>,
    actor: Actor,
  ): Promise<CatalogResult> {
    const at = actor.at ?? new Date().toISOString();
    const next = await this.experiments.replaceIf({ ...doc, ...patch }, doc.revision ?? 1);
    if (!next) return fail('conflict', `experiment '${doc._id}' changed meanwhile: retry`);
    const before = Object.fromEntries(
      Object.keys(patch).map((k) => [k, (doc as unknown as Record<string, unknown>)[k] ?? null]),
    );
    await this.record(doc._id, action, before, { ...patch }, { ...actor, at });
    return { status: 'ok', reason: '', experiment: strip(next), problems: [], violations: [] };
  }

  private async record(
    id: string,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
    actor: Actor & { at: string },
  ): Promise<void> {
    const sequence = await this.changes.count({ experiment_id: id });
    await this.changes.insert({
      _id: randomUUID(),
      experiment_id: id,
      sequence,
      at: actor.at,
      who: actor.who,
      why: actor.why,
      action,
      before,
      after,
    });
  }
}
