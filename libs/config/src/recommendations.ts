import {
  canonicalJson,
  parseOptimizationRecommendation,
  type Evidence,
  type JsonValue,
  type OptimizationRecommendation,
} from '@hirelearn/optimize';
import { FailedPreconditionError, InvalidArgumentError, NotFoundError } from '@hirelearn/rpc';
import type { DocumentCollection, DocumentStore, StoredDocument } from '@hirelearn/store';
import type { ConfigChannel } from './channel';
import type { ConfigVersion } from './documents';
import type { ConfigLayer } from './layers';
import { parameterValue, withParameter } from './parameter';
import { recommendationSettings, type RecommendationSettings } from './settings';

/**
 * `approving`: an approval has claimed it and is publishing (one left by a killed decider is
 * finished or released by the next decision, so nothing stays half-approved).
 */
export const RECOMMENDATION_STATUSES = [
  'pending',
  'approving',
  'approved',
  'rejected',
  'superseded',
] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export type Decision = 'approve' | 'reject';

/** A piece of evidence an erasure took away, as an EvidenceCheck reports it. */
export interface ErasedEvidence {
  readonly kind: Evidence['kind'];
  readonly id: string;
  readonly reason: string;
}

/**
 * Tells which of a recommendation's evidence is gone (erased by a deletion request). The
 * store keeps each recommendation's evidence ids; the caller that approves knows where
 * evidence lives and passes a check (`evidenceInCollections` looks the ids up in the
 * document store). No check: the evidence is taken as present.
 */
export type EvidenceCheck = (evidence: readonly Evidence[]) => Promise<readonly ErasedEvidence[]>;

/** A decision as kept: who (the authenticated identity, or the CLI's --who), when, why, on what evidence. */
export interface RecommendationDecision {
  readonly decision: Decision;
  readonly by: string;
  readonly at: string;
  readonly reason: string;
  /** The evidence as it was when decided (and what the check found erased, if anything). */
  readonly evidence: readonly Evidence[];
  readonly erased_evidence: readonly ErasedEvidence[];
  /** The configuration version an approval published; null for a rejection. */
  readonly published_version: number | null;
}

export interface StoredRecommendation extends OptimizationRecommendation {
  readonly status: RecommendationStatus;
  readonly saved_at: string;
  /** The nightly run that produced it, if any. */
  readonly run_id: string | null;
  /** The newer recommendation for the same layer and parameter that replaced this pending one. */
  readonly superseded_by: string | null;
  readonly decision: RecommendationDecision | null;
}

type RecommendationDoc = StoredDocument & StoredRecommendation;

export interface SaveResult {
  readonly recommendation: StoredRecommendation;
  /** False when a recommendation with this id was already stored (saving is idempotent). */
  readonly created: boolean;
  /** Pending recommendations for the same layer and parameter this one superseded. */
  readonly superseded: readonly string[];
}

export interface DecideBy {
  readonly decision: Decision;
  readonly by: string;
  readonly reason: string;
  readonly evidence_check?: EvidenceCheck;
}

export interface DecideResult {
  readonly recommendation: StoredRecommendation;
  /** The configuration version an approval published. */
  readonly published: ConfigVersion | null;
}

/**
 * The recommendations store: what the optimizers proposed, waiting for review or decided.
 * Saving is idempotent by `recommendation_id` (the same proposal on the same evidence from two
 * nightly runs is one recommendation); a new proposal for a parameter supersedes the pending
 * one. A decision is made once, by compare-and-set on the recommendation, and an approval
 * publishes the recommended value through the configuration channel.
 */
export class RecommendationStore {
  private readonly docs: DocumentCollection<RecommendationDoc>;

  readonly settings: RecommendationSettings;
  private readonly clock: () => Date;

  constructor(
    documents: DocumentStore,
    private readonly channel: ConfigChannel,
    options: { settings?: Partial<RecommendationSettings>; clock?: () => Date } = {},
  ) {
    this.settings = recommendationSettings(options.settings);
    this.clock = options.clock ?? (() => new Date());
    this.docs = documents.collection<RecommendationDoc>('recommendations', {
      indexes: ['status', 'layer', 'parameter'],
    });
  }

  /** Stores a recommendation (checked against the spec's schema) as pending. */
  async save(
    input: OptimizationRecommendation,
    options: { run_id?: string } = {},
  ): Promise<SaveResult> {
    let rec: OptimizationRecommendation;
    try {
      rec = parseOptimizationRecommendation(input);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
    const doc: RecommendationDoc = {
      ...rec,
      _id: rec.recommendation_id,
      status: 'pending',
      saved_at: this.clock().toISOString(),
      run_id: options.run_id ?? null,
      superseded_by: null,
      decision: null,
    };
    try {
      await this.docs.insert(doc);
    } catch (error) {
      if ((error as Error).name !== 'DuplicateDocumentError') throw error;
      return {
        recommendation: await this.show(rec.recommendation_id),
        created: false,
        superseded: [],
      };
    }
    const superseded: string[] = [];
    const older = await this.docs.find({
      status: 'pending',
      layer: rec.layer,
      parameter: rec.parameter,
    });
    for (const o of older) {
      if (o._id === doc._id) continue;
      // A lost race means someone decided it meanwhile: it is no longer pending, leave it.
      const done = await this.docs.replaceIf(
        { ...o, status: 'superseded', superseded_by: doc._id },
        o.revision ?? 0,
      );
      if (done) superseded.push(o._id);
    }
    return { recommendation: toStored(doc), created: true, superseded };
  }

  async list(
    filter: { status?: RecommendationStatus; layer?: ConfigLayer } = {},
  ): Promise<readonly StoredRecommendation[]> {
    const rows = await this.docs.find(
      {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.layer ? { layer: filter.layer } : {}),
      },
      { sort: { field: 'saved_at', direction: 1 } },
    );
    return rows.map(toStored);
  }

  /** One recommendation; NotFoundError when no such id was saved. */
  async show(id: string): Promise<StoredRecommendation> {
    const doc = await this.docs.get(id);
    if (!doc) throw unknown(id);
    return toStored(doc);
  }

  /**
   * Approves or rejects a pending recommendation. Refused, naming the rule: an unknown id, one
   * already decided, one superseded, and an approval whose evidence the check finds erased or
   * whose parameter no longer holds the value the recommendation started from. An approval
   * publishes the layer's config with the recommended value (compare-and-set on the version
   * read); if the publish fails the recommendation is pending again and nothing was published.
   */
  async decide(id: string, d: DecideBy): Promise<DecideResult> {
    if (d.decision !== 'approve' && d.decision !== 'reject')
      throw new InvalidArgumentError(`decision: ${String(d.decision)} must be approve or reject`);
    if (!d.by.trim()) throw new InvalidArgumentError('by: who decides must be named');
    if (!d.reason.trim()) throw new InvalidArgumentError('why: say why this is decided');
    const found = await this.docs.get(id);
    if (!found) throw unknown(id);
    const doc = found.status === 'approving' ? await this.recover(found) : found;
    checkPending(doc);
    const erased = d.evidence_check ? await d.evidence_check(doc.evidence) : [];
    if (d.decision === 'approve' && erased.length > 0)
      throw new FailedPreconditionError(
        `recommendation ${id} rests on erased evidence (${erased.map((e) => `${e.kind} ${e.id}: ${e.reason}`).join('; ')}); ` +
          'rule: a recommendation whose evidence a deletion request erased cannot be approved (reject it; the next nightly recomputes from what remains)',
      );
    const current = d.decision === 'approve' ? await this.channel.current(doc.layer) : null;
    if (current) checkStillCurrent(doc, current);
    const decision: RecommendationDecision = {
      decision: d.decision,
      by: d.by.trim(),
      at: this.clock().toISOString(),
      reason: d.reason.trim(),
      evidence: doc.evidence,
      erased_evidence: erased,
      published_version: null,
    };
    const status: RecommendationStatus = d.decision === 'approve' ? 'approving' : 'rejected';
    const claimed = await this.docs.replaceIf({ ...doc, status, decision }, doc.revision ?? 0);
    if (!claimed) return this.lostRace(id);
    if (!current) return { recommendation: toStored(claimed), published: null };

    let published: ConfigVersion;
    try {
      published = await this.channel.publish(
        doc.layer,
        withParameter(current.config, doc.parameter, doc.recommended_value),
        {
          by: decision.by,
          reason: `recommendation ${id} (${doc.component}: ${doc.parameter}): ${decision.reason}`,
          expected_version: current.version,
          recommendation_id: id,
        },
      );
    } catch (error) {
      // Nothing was published: the recommendation goes back to pending, as it was.
      await this.docs.replaceIf(doc, claimed.revision ?? 0);
      throw error;
    }
    const done = await this.approved(claimed, published.version);
    return { recommendation: toStored(done), published };
  }

  /** Records an approval's published version (or reads who did it first). */
  private async approved(claimed: RecommendationDoc, version: number): Promise<RecommendationDoc> {
    const decision = claimed.decision as RecommendationDecision;
    const done = await this.docs.replaceIf(
      { ...claimed, status: 'approved', decision: { ...decision, published_version: version } },
      claimed.revision ?? 0,
    );
    return done ?? (await this.docs.get(claimed._id)) ?? claimed;
  }

  /**
   * An approval found mid-way: finished if its version was published (the channel records the
   * recommendation id on it), released to pending if its claim is older than
   * `approval_claim_timeout_ms` with nothing published (its decider was killed), else refused
   * as a decision in progress.
   */
  private async recover(doc: RecommendationDoc): Promise<RecommendationDoc> {
    const history = await this.channel.history(doc.layer);
    const published = history.find((v) => v.recommendation_id === doc._id);
    if (published) return this.approved(doc, published.version);
    const claim = doc.decision as RecommendationDecision;
    const age = this.clock().getTime() - Date.parse(claim.at);
    if (age < this.settings.approval_claim_timeout_ms)
      throw new FailedPreconditionError(
        `recommendation ${doc._id} is being approved by ${claim.by} since ${claim.at}; rule: one decision at a time ` +
          `(an approval that published nothing within ${this.settings.approval_claim_timeout_ms / 1000} s is released)`,
      );
    const released = await this.docs.replaceIf(
      { ...doc, status: 'pending', decision: null },
      doc.revision ?? 0,
    );
    return released ?? (await this.docs.get(doc._id)) ?? doc;
  }

  /** Someone decided between our read and our write: report what they decided. */
  private async lostRace(id: string): Promise<never> {
    const now = await this.docs.get(id);
    if (!now) throw unknown(id);
    checkPending(now);
    throw new FailedPreconditionError(
      `recommendation ${id} changed while being decided; try again`,
    );
  }
}

function unknown(id: string): NotFoundError {
  return new NotFoundError(
    `no recommendation '${id}' (rule: only a stored recommendation can be decided; \`hirelearn recommendations list\` shows them)`,
  );
}

function checkPending(doc: RecommendationDoc): void {
  if (doc.status === 'superseded')
    throw new FailedPreconditionError(
      `recommendation ${doc._id} was superseded by ${doc.superseded_by}; rule: only the newest recommendation for a parameter can be decided`,
    );
  if (doc.decision)
    throw new FailedPreconditionError(
      `recommendation ${doc._id} was already ${doc.status} by ${doc.decision.by} at ${doc.decision.at}; rule: a recommendation is decided once`,
    );
}

/** The recommendation was made against the parameter's value; a config that has moved on since makes it stale. */
function checkStillCurrent(doc: RecommendationDoc, current: ConfigVersion): void {
  const now = parameterValue(current.config, doc.parameter);
  if (now === undefined || canonicalJson(now) !== canonicalJson(doc.current_value as JsonValue))
    throw new FailedPreconditionError(
      `recommendation ${doc._id}: layer ${doc.layer} ${doc.parameter} is ${now === undefined ? 'not a field of its config' : canonicalJson(now)} in version ${current.version}, ` +
        `not the ${canonicalJson(doc.current_value as JsonValue)} it was computed from; rule: a recommendation applies only to the value it was made for`,
    );
}

function toStored(doc: RecommendationDoc): StoredRecommendation {
  const { _id: _i, revision: _r, ...rest } = doc;
  return Object.freeze(rest);
}
