import { DuplicateDocumentError, InvalidDocumentError, InvalidQueryError } from './errors';
import type { DocumentCollection, DocumentStore, StoredDocument } from './types';

/**
 * The behaviour every document store engine must share, run against each engine by
 * `document-store.spec.ts`. An engine passes or it is not an engine.
 */
export interface ConformanceOptions {
  /**
   * Each `open()` returns a store over the same data (a file, a server database). Enables the
   * reopen and two-connection tests; false for `sqlite::memory:`.
   */
  readonly sharedStorage: boolean;
}

interface ModelVersion extends StoredDocument {
  readonly user_id?: string | null;
  readonly model: string;
  readonly version?: number | string;
  readonly stage?: string | null;
  readonly auc?: number | string;
  readonly approved?: boolean;
  readonly winner?: number;
  readonly counter?: number;
  readonly payload?: unknown;
}

let sequence = 0;
/** Unique per run and test, so tests share a database (MongoDB, a file) without interfering. */
function unique(prefix: string): string {
  sequence += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${sequence}`;
}

const ids = (docs: readonly StoredDocument[]) => docs.map((doc) => doc._id);

export function describeDocumentStoreConformance(
  name: string,
  open: () => Promise<DocumentStore>,
  options: ConformanceOptions = { sharedStorage: true },
): void {
  describe(`DocumentStore conformance: ${name}`, () => {
    let store: DocumentStore;
    let models: DocumentCollection<ModelVersion>;

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });
    beforeEach(() => {
      models = store.collection<ModelVersion>(unique('models'), { indexes: ['stage', 'auc'] });
    });

    async function insertAll(docs: readonly ModelVersion[]): Promise<void> {
      for (const doc of docs) await models.insert(doc);
    }

    describe('insert and get', () => {
      it('round-trips nested values and unicode, and sets revision 1', async () => {
        const doc: ModelVersion = {
          _id: 'résumé-🚀-模型',
          model: 'interview-classifier',
          user_id: 'ユーザー',
          payload: {
            text: 'naïve café — עברית — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 — e\u0301 — "quoted" \\ back\nslash',
            numbers: [0, -1, 3.25, 1e-9, 2 ** 53 - 1, -0.5],
            flags: [true, false, null],
            nested: { deeper: { deepest: ['a', { b: [] }, {}] } },
            empty: '',
          },
        };
        await expect(models.insert(doc)).resolves.toEqual({ ...doc, revision: 1 });
        await expect(models.get(doc._id)).resolves.toEqual({ ...doc, revision: 1 });
      });

      it('keeps keys with dots in nested objects (metric names such as logistic.log_loss)', async () => {
        const doc: ModelVersion = {
          _id: 'dotted',
          model: 'ensemble',
          payload: { metrics: { 'logistic.log_loss': 0.49, 'weight.neural_net': 0.31 } },
        };
        await models.insert(doc);
        await models.replaceIf({ ...doc, stage: 'production' }, 1);
        await expect(models.get('dotted')).resolves.toEqual({
          ...doc,
          stage: 'production',
          revision: 2,
        });
      });

      it('owns the revision: a revision given to insert is replaced by 1', async () => {
        const inserted = await models.insert({ _id: 'v1', model: 'm', revision: 7 });
        expect(inserted.revision).toBe(1);
        await expect(models.get('v1')).resolves.toMatchObject({ revision: 1 });
      });

      it('returns null for a missing id', async () => {
        await expect(models.get('nope')).resolves.toBeNull();
      });

      it('rejects a duplicate _id and keeps the original', async () => {
        await models.insert({ _id: 'dup', model: 'first' });
        const second = models.insert({ _id: 'dup', model: 'second' });
        await expect(second).rejects.toBeInstanceOf(DuplicateDocumentError);
        await expect(models.insert({ _id: 'dup', model: 'x' })).rejects.toThrow(/replaceIf/);
        await expect(models.get('dup')).resolves.toMatchObject({ model: 'first', revision: 1 });
      });

      it('rejects values that are not JSON data, naming the field', async () => {
        const bad = { _id: 'bad', model: 'm', payload: { trained_at: new Date() } };
        await expect(models.insert(bad)).rejects.toBeInstanceOf(InvalidDocumentError);
        await expect(models.insert(bad)).rejects.toThrow('payload.trained_at');
        await expect(models.insert({ _id: '', model: 'm' })).rejects.toThrow('_id');
        await expect(models.get('bad')).resolves.toBeNull();
      });
    });

    describe('insertMany', () => {
      it('writes a batch, each document with revision 1, and returns how many', async () => {
        const batch = Array.from({ length: 2500 }, (_, i) => ({
          _id: `p${String(i).padStart(5, '0')}`,
          model: 'ensemble',
          version: i % 3,
          payload: { probability: i / 2500, inputs: ['a', i] },
        }));
        await expect(models.insertMany(batch)).resolves.toEqual({
          inserted: 2500,
          duplicateIds: [],
        });
        await expect(models.count()).resolves.toBe(2500);
        await expect(models.count({ version: 2 })).resolves.toBe(833);
        await expect(models.get('p01234')).resolves.toEqual({ ...batch[1234], revision: 1 });
        await expect(models.insertMany([])).resolves.toEqual({ inserted: 0, duplicateIds: [] });
      });

      it('names taken ids, in the store or earlier in the batch, and writes every other document', async () => {
        await models.insert({ _id: 'old', model: 'first' });
        const result = await models.insertMany([
          { _id: 'n1', model: 'new' },
          { _id: 'old', model: 'second' },
          { _id: 'n2', model: 'new' },
          { _id: 'n1', model: 'again' },
          { _id: 'n3', model: 'new', revision: 9 },
        ]);
        expect(result).toEqual({ inserted: 3, duplicateIds: ['old', 'n1'] });
        expect(ids(await models.find())).toEqual(['n1', 'n2', 'n3', 'old']);
        await expect(models.get('old')).resolves.toEqual({
          _id: 'old',
          model: 'first',
          revision: 1,
        });
        await expect(models.get('n1')).resolves.toMatchObject({ model: 'new', revision: 1 });
        await expect(models.get('n3')).resolves.toMatchObject({ revision: 1 });
      });

      it('refuses the whole batch when one document is not JSON data, naming it by index', async () => {
        const batch = [
          { _id: 'ok', model: 'm' },
          { _id: 'bad', model: 'm', payload: { at: new Date() } },
        ];
        const refused = models.insertMany(batch);
        await expect(refused).rejects.toBeInstanceOf(InvalidDocumentError);
        await expect(models.insertMany(batch)).rejects.toThrow(/^docs\[1\]\.payload\.at: /);
        await expect(models.insertMany([{ _id: '', model: 'm' }])).rejects.toThrow('docs[0]._id');
        await expect(models.count()).resolves.toBe(0);
      });
    });

    describe('find and count', () => {
      const docs: ModelVersion[] = [
        { _id: 'a', model: 'fit', version: 1, stage: 'production', auc: 0.81, approved: true },
        { _id: 'b', model: 'fit', version: 2, stage: 'staging', auc: 0.84, approved: false },
        { _id: 'c', model: 'fit', version: 3, stage: null, auc: 0.79 },
        { _id: 'd', model: 'interview', version: 1, stage: 'staging', auc: 0.84 },
        { _id: 'e', model: 'interview', version: '2-rc', auc: 'n/a' },
      ];
      beforeEach(() => insertAll(docs));

      it('filters by equality on strings, numbers, booleans and _id', async () => {
        expect(ids(await models.find({ model: 'fit' }))).toEqual(['a', 'b', 'c']);
        expect(ids(await models.find({ version: 1 }))).toEqual(['a', 'd']);
        expect(ids(await models.find({ approved: true }))).toEqual(['a']);
        expect(ids(await models.find({ approved: false }))).toEqual(['b']);
        expect(ids(await models.find({ _id: 'c' }))).toEqual(['c']);
        expect(ids(await models.find({ model: 'fit', version: 2 }))).toEqual(['b']);
      });

      it('compares types strictly: a number never equals a string', async () => {
        expect(ids(await models.find({ version: '1' }))).toEqual([]);
        expect(ids(await models.find({ version: '2-rc' }))).toEqual(['e']);
        expect(ids(await models.find({ approved: 1 as unknown as boolean }))).toEqual([]);
      });

      it('matches null to null and to a missing field', async () => {
        expect(ids(await models.find({ stage: null }))).toEqual(['c', 'e']);
        expect(ids(await models.find({ approved: null }))).toEqual(['c', 'd', 'e']);
      });

      it('filters with $in, including null and mixed types', async () => {
        expect(ids(await models.find({ stage: { $in: ['production', 'staging'] } }))).toEqual([
          'a',
          'b',
          'd',
        ]);
        expect(ids(await models.find({ stage: { $in: ['production', null] } }))).toEqual([
          'a',
          'c',
          'e',
        ]);
        expect(ids(await models.find({ version: { $in: [3, '2-rc'] } }))).toEqual(['c', 'e']);
        expect(ids(await models.find({ approved: { $in: [false] } }))).toEqual(['b']);
        expect(ids(await models.find({ stage: { $in: [] } }))).toEqual([]);
      });

      it('filters numeric ranges, seeing only numbers', async () => {
        expect(ids(await models.find({ auc: { $gt: 0.81 } }))).toEqual(['b', 'd']);
        expect(ids(await models.find({ auc: { $gte: 0.81 } }))).toEqual(['a', 'b', 'd']);
        expect(ids(await models.find({ auc: { $lt: 0.81 } }))).toEqual(['c']);
        expect(ids(await models.find({ auc: { $lte: 0.81 } }))).toEqual(['a', 'c']);
        expect(ids(await models.find({ auc: { $gte: 0.8, $lt: 0.84 } }))).toEqual(['a']);
        expect(ids(await models.find({ version: { $gte: 2 } }))).toEqual(['b', 'c']);
      });

      it('filters string ranges in binary order, seeing only strings', async () => {
        expect(ids(await models.find({ stage: { $gte: 'p', $lt: 'q' } }))).toEqual(['a']);
        expect(ids(await models.find({ stage: { $gt: 'production' } }))).toEqual(['b', 'd']);
        expect(ids(await models.find({ auc: { $gt: 'a' } }))).toEqual(['e']);
        expect(ids(await models.find({ _id: { $lte: 'b' } }))).toEqual(['a', 'b']);
      });

      it('sorts by a field in both directions, ties broken by _id', async () => {
        const fits = { model: 'fit' } as const;
        expect(ids(await models.find(fits, { sort: { field: 'auc', direction: 1 } }))).toEqual([
          'c',
          'a',
          'b',
        ]);
        const byAucDesc = await models.find(
          { auc: { $gte: 0 } },
          { sort: { field: 'auc', direction: -1 } },
        );
        expect(ids(byAucDesc)).toEqual(['b', 'd', 'a', 'c']);
        const byIdDesc = await models.find({}, { sort: { field: '_id', direction: -1 } });
        expect(ids(byIdDesc)).toEqual(['e', 'd', 'c', 'b', 'a']);
      });

      it('returns documents in _id order without a sort, and honours limit', async () => {
        expect(ids(await models.find())).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect(ids(await models.find({}, { limit: 2 }))).toEqual(['a', 'b']);
        const best = await models.find(
          { auc: { $gte: 0 } },
          { sort: { field: 'auc', direction: -1 }, limit: 1 },
        );
        expect(best).toEqual([{ ...docs[1], revision: 1 }]);
      });

      it('counts with and without a filter', async () => {
        await expect(models.count()).resolves.toBe(5);
        await expect(models.count({})).resolves.toBe(5);
        await expect(models.count({ stage: 'staging' })).resolves.toBe(2);
        await expect(models.count({ auc: { $gt: 0.9 } })).resolves.toBe(0);
      });

      it('rejects filters and options it cannot run on every engine', async () => {
        const nested = { 'payload.x': 1 } as Record<string, number>;
        await expect(models.find(nested)).rejects.toBeInstanceOf(InvalidQueryError);
        const regex = { stage: { $regex: 'prod' } } as unknown as Record<string, string>;
        await expect(models.count(regex)).rejects.toThrow('filter.stage.$regex');
        await expect(models.find({}, { limit: 0 })).rejects.toThrow('options.limit');
        await expect(models.deleteMany(regex)).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(models.count()).resolves.toBe(5);
      });
    });

    describe('replaceIf (compare-and-set)', () => {
      it('replaces on the expected revision and returns the next one', async () => {
        await models.insert({ _id: 'm', model: 'fit', stage: 'staging' });
        const promoted = await models.replaceIf({ _id: 'm', model: 'fit', stage: 'production' }, 1);
        expect(promoted).toEqual({ _id: 'm', model: 'fit', stage: 'production', revision: 2 });
        await expect(models.get('m')).resolves.toEqual(promoted);
      });

      it('returns null on a stale revision or a missing document, changing nothing', async () => {
        await models.insert({ _id: 'm', model: 'fit', stage: 'staging' });
        await models.replaceIf({ _id: 'm', model: 'fit', stage: 'production' }, 1);
        await expect(models.replaceIf({ _id: 'm', model: 'fit', stage: 'x' }, 1)).resolves.toBe(
          null,
        );
        await expect(models.replaceIf({ _id: 'gone', model: 'fit' }, 1)).resolves.toBeNull();
        await expect(models.get('m')).resolves.toMatchObject({ stage: 'production', revision: 2 });
        await expect(models.get('gone')).resolves.toBeNull();
      });

      it('lets exactly one of many concurrent writers win the same revision', async () => {
        await models.insert({ _id: 'race', model: 'fit', stage: 'staging' });
        const attempts = Array.from({ length: 32 }, (_, winner) =>
          models.replaceIf({ _id: 'race', model: 'fit', stage: 'production', winner }, 1),
        );
        const results = await Promise.all(attempts);
        const winners = results.filter((result) => result !== null);
        expect(winners).toHaveLength(1);
        expect(results.filter((result) => result === null)).toHaveLength(31);
        await expect(models.get('race')).resolves.toEqual(winners[0]);
        expect(winners[0]?.revision).toBe(2);
      });

      if (options.sharedStorage) {
        it('lets exactly one writer win across two connections', async () => {
          const other = await open();
          try {
            const name = unique('promotions');
            const mine = store.collection<ModelVersion>(name);
            const theirs = other.collection<ModelVersion>(name);
            await mine.insert({ _id: 'race', model: 'fit' });
            const results = await Promise.all(
              Array.from({ length: 20 }, (_, winner) =>
                (winner % 2 === 0 ? mine : theirs).replaceIf(
                  { _id: 'race', model: 'fit', winner },
                  1,
                ),
              ),
            );
            const winners = results.filter((result) => result !== null);
            expect(winners).toHaveLength(1);
            await expect(theirs.get('race')).resolves.toEqual(winners[0]);
          } finally {
            await other.close();
          }
        });

        it('loses no update when two connections increment with retries', async () => {
          const other = await open();
          try {
            const name = unique('counters');
            await store.collection<ModelVersion>(name).insert({ _id: 'n', model: 'm', counter: 0 });
            const increment = async (collection: DocumentCollection<ModelVersion>) => {
              for (;;) {
                const current = await collection.get('n');
                if (current === null) throw new Error('counter document vanished');
                const next = { ...current, counter: (current.counter ?? 0) + 1 };
                if ((await collection.replaceIf(next, current.revision ?? 0)) !== null) return;
              }
            };
            const stores = [store, other];
            await Promise.all(
              Array.from({ length: 40 }, (_, i) =>
                increment(stores[i % 2].collection<ModelVersion>(name)),
              ),
            );
            await expect(store.collection<ModelVersion>(name).get('n')).resolves.toMatchObject({
              counter: 40,
              revision: 41,
            });
          } finally {
            await other.close();
          }
        });
      }
    });

    describe('deleteMany', () => {
      it('deletes the matching documents and returns how many', async () => {
        await insertAll([
          { _id: 'a', model: 'fit', stage: 'archived' },
          { _id: 'b', model: 'fit', stage: 'archived' },
          { _id: 'c', model: 'fit', stage: 'production' },
        ]);
        await expect(models.deleteMany({ stage: 'archived' })).resolves.toBe(2);
        await expect(models.deleteMany({ stage: 'archived' })).resolves.toBe(0);
        expect(ids(await models.find())).toEqual(['c']);
        await expect(models.deleteMany({})).resolves.toBe(1);
        await expect(models.count()).resolves.toBe(0);
      });
    });

    describe('eraseUser', () => {
      it('erases one user across every collection and leaves everyone else', async () => {
        const alice = unique('alice');
        const bob = unique('bob');
        const predictions = store.collection<ModelVersion>(unique('predictions'), {
          indexes: ['user_id'],
        });
        const experiments = store.collection<ModelVersion>(unique('experiments'));
        await insertAll([
          { _id: 'm1', model: 'fit', user_id: alice },
          { _id: 'm2', model: 'fit', user_id: bob },
          { _id: 'm3', model: 'fit' },
        ]);
        await predictions.insert({ _id: 'p1', model: 'fit', user_id: alice });
        await predictions.insert({ _id: 'p2', model: 'fit', user_id: alice });
        await predictions.insert({ _id: 'p3', model: 'fit', user_id: bob });
        await experiments.insert({ _id: 'x1', model: 'fit', user_id: alice });
        await experiments.insert({ _id: 'x2', model: 'fit', payload: { user_id: alice } });

        await expect(store.eraseUser(alice)).resolves.toBe(4);
        expect(ids(await models.find())).toEqual(['m2', 'm3']);
        expect(ids(await predictions.find())).toEqual(['p3']);
        expect(ids(await experiments.find())).toEqual(['x2']);
        await expect(store.eraseUser(alice)).resolves.toBe(0);
      });

      it('rejects an empty user id instead of matching nothing silently', async () => {
        await expect(store.eraseUser('')).rejects.toThrow('non-empty');
      });
    });

    if (options.sharedStorage) {
      describe('reopening', () => {
        it('keeps documents, revisions and indexed collections across close and reopen', async () => {
          const name = unique('registry');
          const first = await open();
          await first.collection<ModelVersion>(name, { indexes: ['stage'] }).insert({
            _id: 'v1',
            model: 'fit',
            stage: 'staging',
          });
          await first
            .collection<ModelVersion>(name)
            .replaceIf({ _id: 'v1', model: 'fit', stage: 'production' }, 1);
          await first.close();

          for (let reopen = 0; reopen < 2; reopen += 1) {
            const again = await open();
            try {
              const registry = again.collection<ModelVersion>(name, { indexes: ['stage'] });
              await expect(registry.get('v1')).resolves.toEqual({
                _id: 'v1',
                model: 'fit',
                stage: 'production',
                revision: 2,
              });
              expect(ids(await registry.find({ stage: 'production' }))).toEqual(['v1']);
            } finally {
              await again.close();
            }
          }
        });
      });
    }
  });
}
