/**
 * The configuration channel's and the recommendations store's behaviour on one document-store
 * engine: `channel.spec.ts` runs it on SQLite (file and memory) and on MongoDB when
 * MONGODB_URI names a scratch database, as the store's own conformance suite does.
 */
import { recommendationId, type OptimizationRecommendation } from '@hirelearn/optimize';
import type { DocumentStore, StoredDocument } from '@hirelearn/store';
import {
  ConfigChannel,
  ConfigConflictError,
  ConfigSchemaError,
  DEFAULT_CONFIGS,
  RecommendationStore,
  evidenceInCollections,
  type ConfigVersion,
} from './index';

const by = (reason: string, expected_version: number) => ({ by: 'ops', reason, expected_version });
const weights = (technical: number, signal: number) => ({
  ...DEFAULT_CONFIGS[6],
  weights: { technical, seniority: 0.2, experience: 0.2, signal },
});

/** A layer-6 recommendation from the current 0.4/0.2 to `to`. */
export function fitRecommendation(
  to: { technical: number; signal: number },
  evidenceId = 'effect-1',
): OptimizationRecommendation {
  const recommended = {
    technical: to.technical,
    seniority: 0.2,
    experience: 0.2,
    signal: to.signal,
  };
  return {
    recommendation_id: recommendationId('fit_scoring', 'weights', recommended, [evidenceId]),
    component: 'fit_scoring',
    layer: 6,
    parameter: 'weights',
    current_value: DEFAULT_CONFIGS[6].weights,
    recommended_value: recommended,
    expected_impact: { metric: 'auc', estimate: 0.03, interval: [0.01, 0.05], unit: 'auc' },
    evidence: [{ kind: 'model_version', id: evidenceId, summary: 'fit weights learned' }],
    confidence: 0.85,
    risk: 'low',
    route: 'manual_review',
    route_reason: 'test',
    reasons: [],
  };
}

export function describeConfigConformance(
  engine: string,
  open: () => Promise<DocumentStore>,
): void {
  describe(`configuration channel on ${engine}`, () => {
    let documents: DocumentStore;
    let channel: ConfigChannel;
    let store: RecommendationStore;
    beforeEach(async () => {
      documents = await open();
      for (const name of ['config_heads', 'config_versions', 'recommendations', 'evidence_docs'])
        await documents.collection(name).deleteMany({});
      channel = new ConfigChannel({ documents, settings: { watch_poll_ms: 20 } });
      store = new RecommendationStore(documents, channel);
    });
    afterEach(async () => {
      channel.close();
      await documents.close();
    });

    it('serves the defaults as version 0 until the first publish', async () => {
      expect(await channel.current(5)).toMatchObject({
        version: 0,
        published_by: 'defaults',
        config: DEFAULT_CONFIGS[5],
      });
      const v1 = await channel.publish(6, weights(0.3, 0.3), {
        ...by('learned', 0),
        recommendation_id: 'abc',
      });
      expect(v1).toMatchObject({
        layer: 6,
        version: 1,
        published_by: 'ops',
        reason: 'learned',
        recommendation_id: 'abc',
        rollback_of: null,
      });
      expect((await channel.current(6)).config).toEqual(weights(0.3, 0.3));
      expect((await channel.current(2)).version).toBe(0);
    });

    it('refuses a config that breaks its schema, naming the field, and publishes nothing', async () => {
      await expect(channel.publish(6, weights(0.5, 0.3), by('bad', 0))).rejects.toThrow(
        new ConfigSchemaError(
          6,
          'weights',
          'technical + seniority + experience + signal must sum to 1',
        ),
      );
      expect((await channel.current(6)).version).toBe(0);
    });

    it('refuses a publish on a version that is no longer current, naming the one in force', async () => {
      await channel.publish(6, weights(0.3, 0.3), by('first', 0));
      const error = await channel
        .publish(6, weights(0.35, 0.25), by('late', 0))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigConflictError);
      expect(error).toMatchObject({ current_version: 1, expected_version: 0 });
      expect((error as Error).message).toContain(
        'expected version 0 but version 1 (published by ops) is in force',
      );
    });

    it('resolves concurrent publishes of one layer to one winner', async () => {
      const results = await Promise.allSettled(
        [0.3, 0.32, 0.34, 0.36].map((t) => channel.publish(6, weights(t, 0.6 - t), by(`p${t}`, 0))),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((x) => x.status === 'rejected'))
        expect((r as PromiseRejectedResult).reason).toMatchObject({ current_version: 1 });
      expect(await channel.history(6)).toHaveLength(2);
    });

    it('rolls back by publishing an older version again, audited', async () => {
      await channel.publish(6, weights(0.3, 0.3), by('v1', 0));
      await channel.publish(6, weights(0.25, 0.35), by('v2', 1));
      const back = await channel.rollback(6, { by: 'ops', reason: 'hurt', expected_version: 2 });
      expect(back).toMatchObject({
        version: 3,
        rollback_of: 1,
        reason: 'hurt',
        config: weights(0.3, 0.3),
      });
      const to0 = await channel.rollback(6, {
        by: 'ops',
        reason: 'all',
        expected_version: 3,
        to_version: 0,
      });
      expect(to0).toMatchObject({ version: 4, rollback_of: 0, config: DEFAULT_CONFIGS[6] });
      expect((await channel.history(6)).map((v) => v.version)).toEqual([0, 1, 2, 3, 4]);
      await expect(
        channel.rollback(6, { by: 'ops', reason: 'x', expected_version: 4, to_version: 4 }),
      ).rejects.toThrow('to_version: 4 is not a version before the current 4');
      await expect(
        channel.rollback(2, { by: 'ops', reason: 'x', expected_version: 0 }),
      ).rejects.toThrow('nothing was published yet');
    });

    it('pushes every version, in order, to watchers here and on another channel of the same store', async () => {
      const here: ConfigVersion[] = [];
      const other = new ConfigChannel({ documents, settings: { watch_poll_ms: 20 } });
      const there: ConfigVersion[] = [];
      const w1 = channel.watch(6, (v) => here.push(v), { send_current: true });
      const w2 = other.watch(6, (v) => there.push(v));
      await new Promise((r) => setTimeout(r, 60));
      await channel.publish(6, weights(0.3, 0.3), by('v1', 0));
      await channel.publish(6, weights(0.25, 0.35), by('v2', 1));
      const deadline = Date.now() + 2000;
      while ((here.length < 3 || there.length < 2) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      w1.close();
      w2.close();
      other.close();
      expect(here.map((v) => v.version)).toEqual([0, 1, 2]);
      expect(there.map((v) => v.version)).toEqual([1, 2]);
    });

    it('sends a watcher that read version N every version after N first', async () => {
      await channel.publish(6, weights(0.3, 0.3), by('v1', 0));
      await channel.publish(6, weights(0.25, 0.35), by('v2', 1));
      const seen: number[] = [];
      const w = channel.watch(6, (v) => seen.push(v.version), { after_version: 0 });
      const deadline = Date.now() + 2000;
      while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      w.close();
      expect(seen).toEqual([1, 2]);
    });

    describe('recommendations', () => {
      it('saves idempotently by id and supersedes the pending one for the same parameter', async () => {
        const a = fitRecommendation({ technical: 0.3, signal: 0.3 });
        expect((await store.save(a, { run_id: 'run-1' })).created).toBe(true);
        expect((await store.save(a, { run_id: 'run-2' })).created).toBe(false);
        expect((await store.show(a.recommendation_id)).run_id).toBe('run-1');
        const b = fitRecommendation({ technical: 0.25, signal: 0.35 });
        expect((await store.save(b)).superseded).toEqual([a.recommendation_id]);
        expect((await store.list({ status: 'pending' })).map((r) => r.recommendation_id)).toEqual([
          b.recommendation_id,
        ]);
        expect(await store.list({ layer: 2 })).toEqual([]);
        await expect(
          store.decide(a.recommendation_id, { decision: 'approve', by: 'ada', reason: 'x' }),
        ).rejects.toThrow(
          `superseded by ${b.recommendation_id}; rule: only the newest recommendation for a parameter can be decided`,
        );
      });

      it('publishes an approval through the channel and keeps who, when, why and the evidence', async () => {
        const a = fitRecommendation({ technical: 0.3, signal: 0.3 });
        await store.save(a);
        const { recommendation, published } = await store.decide(a.recommendation_id, {
          decision: 'approve',
          by: 'ada',
          reason: 'the AUC gain is clear',
        });
        expect(published).toMatchObject({
          version: 1,
          published_by: 'ada',
          recommendation_id: a.recommendation_id,
          config: weights(0.3, 0.3),
        });
        expect(recommendation).toMatchObject({
          status: 'approved',
          decision: {
            decision: 'approve',
            by: 'ada',
            reason: 'the AUC gain is clear',
            evidence: a.evidence,
            published_version: 1,
          },
        });
        await expect(
          store.decide(a.recommendation_id, { decision: 'reject', by: 'bob', reason: 'no' }),
        ).rejects.toThrow('was already approved by ada at');
      });

      it('refuses an unknown id, a stale value and erased evidence, naming the rule; rejection still works', async () => {
        await expect(
          store.decide('0123456789abcdef', { decision: 'approve', by: 'ada', reason: 'x' }),
        ).rejects.toThrow(
          "no recommendation '0123456789abcdef' (rule: only a stored recommendation can be decided",
        );
        const a = fitRecommendation({ technical: 0.3, signal: 0.3 }, 'effect-erased/edit/iv');
        await store.save(a);
        const check = evidenceInCollections(documents, { model_version: 'evidence_docs' });
        await expect(
          store.decide(a.recommendation_id, {
            decision: 'approve',
            by: 'ada',
            reason: 'x',
            evidence_check: check,
          }),
        ).rejects.toThrow(
          'rests on erased evidence (model_version effect-erased/edit/iv: no longer in evidence_docs (erased)); rule: a recommendation whose evidence a deletion request erased cannot be approved',
        );
        await documents.collection('evidence_docs').insert({ _id: 'effect-erased' });
        await channel.publish(6, weights(0.35, 0.25), by('moved on', 0));
        await expect(
          store.decide(a.recommendation_id, {
            decision: 'approve',
            by: 'ada',
            reason: 'x',
            evidence_check: check,
          }),
        ).rejects.toThrow('rule: a recommendation applies only to the value it was made for');
        const rejected = await store.decide(a.recommendation_id, {
          decision: 'reject',
          by: 'bob',
          reason: 'stale',
        });
        expect(rejected).toMatchObject({
          published: null,
          recommendation: { status: 'rejected', decision: { by: 'bob', published_version: null } },
        });
      });

      it('finishes or releases an approval whose decider was killed midway, so nothing stays half-approved', async () => {
        const a = fitRecommendation({ technical: 0.3, signal: 0.3 });
        const b = fitRecommendation({ technical: 0.3, signal: 0.3 }, 'effect-2');
        const raw = documents.collection<StoredDocument & Record<string, unknown>>(
          'recommendations',
        );
        let now = new Date('2026-12-06T12:00:00Z');
        const timed = new RecommendationStore(documents, channel, {
          clock: () => now,
          settings: { approval_claim_timeout_ms: 60_000 },
        });
        /** What a decider killed right after claiming leaves behind. */
        const claim = async (id: string) => {
          const doc = (await raw.get(id))!;
          const decision = {
            decision: 'approve',
            by: 'killed',
            at: now.toISOString(),
            reason: 'x',
            evidence: [],
            erased_evidence: [],
            published_version: null,
          };
          await raw.replaceIf({ ...doc, status: 'approving', decision }, doc.revision ?? 0);
        };
        // Killed after its claim, before publishing: refused while young, released once old.
        await timed.save(a);
        await claim(a.recommendation_id);
        await expect(
          timed.decide(a.recommendation_id, { decision: 'approve', by: 'ada', reason: 'y' }),
        ).rejects.toThrow(
          'is being approved by killed since 2026-12-06T12:00:00.000Z; rule: one decision at a time',
        );
        now = new Date('2026-12-06T12:01:01Z');
        const { published } = await timed.decide(a.recommendation_id, {
          decision: 'approve',
          by: 'ada',
          reason: 'y',
        });
        expect(published).toMatchObject({ version: 1, published_by: 'ada' });
        // Killed after publishing, before recording it: the next decision finds the version and finishes.
        await timed.save(b);
        await claim(b.recommendation_id);
        await channel.publish(6, weights(0.25, 0.35), {
          ...by('b', 1),
          recommendation_id: b.recommendation_id,
        });
        await expect(
          timed.decide(b.recommendation_id, { decision: 'reject', by: 'bob', reason: 'z' }),
        ).rejects.toThrow('was already approved by killed');
        expect((await timed.show(b.recommendation_id)).decision).toMatchObject({
          published_version: 2,
        });
      });

      it('leaves an approval pending and publishes nothing when its value breaks the schema', async () => {
        const bad = {
          ...fitRecommendation({ technical: 0.3, signal: 0.3 }),
          recommended_value: { technical: 0.9, seniority: 0.2, experience: 0.2, signal: 0.2 },
        };
        await store.save(bad);
        await expect(
          store.decide(bad.recommendation_id, { decision: 'approve', by: 'ada', reason: 'x' }),
        ).rejects.toThrow('FitWeightsConfig.weights: technical + seniority');
        expect((await store.show(bad.recommendation_id)).status).toBe('pending');
        expect((await channel.current(6)).version).toBe(0);
      });
    });
  });
}
