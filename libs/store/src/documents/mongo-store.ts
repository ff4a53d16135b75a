import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type Collection,
  type Db,
} from 'mongodb';
import { DocumentStoreError, DuplicateDocumentError } from './errors';
import { assertJsonDocument, assertJsonDocuments, bodyOf } from './json-document';
import { assertCollectionName, assertFieldName } from './names';
import { toMongoFilter, toMongoSort } from './mongo-query';
import { normalizeFilter, normalizeFindOptions } from './query';
import { redactUrl } from './store-url';
import type {
  DocumentCollectionOptions,
  DocumentCollection,
  DocumentStore,
  DocumentFilter,
  DocumentFindOptions,
  InsertManyResult,
  StoredDocument,
} from './types';

/** MongoDB's error code for a unique index violation. */
const DUPLICATE_KEY = 11000;

/** Collections this store created; other collections in the database are not ours to erase. */
const OUR_COLLECTION = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

interface MongoDocument {
  _id: string;
  revision: number;
  [field: string]: unknown;
}

/**
 * The production engine: documents stored as they are (plus `revision`), one MongoDB
 * collection per collection. Compare-and-set is a single `findOneAndReplace` on
 * `{_id, revision}`, which MongoDB applies atomically to one document.
 */
export class MongoDocumentStore implements DocumentStore {
  private readonly collections = new Map<string, MongoCollection<StoredDocument>>();

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  /** Connects and pings, so a wrong URL or unreachable server fails here, not on first use. */
  static async open(url: string, database: string): Promise<MongoDocumentStore> {
    let client: MongoClient | undefined;
    try {
      client = new MongoClient(url);
      await client.connect();
      const db = client.db(database);
      await db.command({ ping: 1 });
      return new MongoDocumentStore(client, db);
    } catch (error) {
      await client?.close().catch(() => undefined);
      throw new DocumentStoreError(
        `cannot connect to MongoDB document store '${redactUrl(url)}' (database '${database}'): ` +
          `${(error as Error).message}; check that the server is running and the URL and credentials are right`,
        { cause: error },
      );
    }
  }

  collection<T extends StoredDocument>(
    name: string,
    options: DocumentCollectionOptions = {},
  ): DocumentCollection<T> {
    assertCollectionName(name);
    const indexes = options.indexes ?? [];
    indexes.forEach((field, i) => assertFieldName(field, `options.indexes[${i}]`));
    let collection = this.collections.get(name);
    if (collection === undefined) {
      collection = new MongoCollection(this.db.collection<MongoDocument>(name), name);
      this.collections.set(name, collection);
    }
    collection.ensureIndexes(indexes.filter((field) => field !== '_id'));
    return collection as unknown as DocumentCollection<T>;
  }

  /**
   * Not one transaction (that would need a replica set); each collection's delete is atomic
   * and erasure is idempotent, so a failed erase is completed by calling it again.
   */
  async eraseUser(userId: string): Promise<number> {
    if (typeof userId !== 'string' || userId === '') {
      throw new DocumentStoreError('eraseUser: userId must be a non-empty string');
    }
    const infos = await this.db.listCollections({}, { nameOnly: true }).toArray();
    let erased = 0;
    for (const { name, type } of infos) {
      if (type !== 'collection' || !OUR_COLLECTION.test(name)) continue;
      const result = await this.db.collection(name).deleteMany({ user_id: { $eq: userId } });
      erased += result.deletedCount;
    }
    return erased;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

class MongoCollection<T extends StoredDocument> implements DocumentCollection<T> {
  /**
   * Index builds started by `collection()`; every operation waits for them. A failed build
   * fails every later operation on this handle: an index the code declared must not go
   * missing silently.
   */
  private ready: Promise<unknown> = Promise.resolve();
  /** Fields whose index build has been requested, so repeated `collection()` calls send nothing. */
  private readonly indexed = new Set<string>();

  constructor(
    private readonly collection: Collection<MongoDocument>,
    private readonly name: string,
  ) {}

  ensureIndexes(requested: readonly string[]): void {
    const fields = requested.filter((field) => !this.indexed.has(field));
    if (fields.length === 0) return;
    fields.forEach((field) => this.indexed.add(field));
    const previous = this.ready;
    const build = Promise.all(fields.map((field) => this.collection.createIndex({ [field]: 1 })));
    this.ready = Promise.all([previous, build]);
    // Surfaced by the next operation's `await this.ready`, not as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  async insert(doc: T): Promise<T> {
    assertJsonDocument(doc);
    await this.ready;
    try {
      await this.collection.insertOne({ ...(doc as object), _id: doc._id, revision: 1 });
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
        throw new DuplicateDocumentError(this.name, doc._id);
      }
      throw error;
    }
    return { ...doc, revision: 1 };
  }

  /**
   * One unordered bulk insert: MongoDB goes on past a duplicate key, so every other document
   * is written; the duplicates come back as write errors with their index in what was sent.
   * Repeats within the batch are set aside first (the server may reorder an unordered batch,
   * and the first occurrence must be the one written).
   */
  async insertMany(docs: readonly T[]): Promise<InsertManyResult> {
    assertJsonDocuments(docs);
    await this.ready;
    const seen = new Set<string>();
    const repeated = new Set<number>();
    const sent: number[] = [];
    docs.forEach((doc, i) => {
      if (seen.has(doc._id)) {
        repeated.add(i);
      } else {
        seen.add(doc._id);
        sent.push(i);
      }
    });
    const taken = new Set<number>();
    if (sent.length > 0) {
      const rows = sent.map((i) => ({ ...(docs[i] as object), _id: docs[i]._id, revision: 1 }));
      try {
        await this.collection.insertMany(rows, { ordered: false });
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const writeErrors = [error.writeErrors].flat();
        if (writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
        writeErrors.forEach((e) => taken.add(sent[e.index]));
      }
    }
    const duplicateIds = docs.filter((_, i) => repeated.has(i) || taken.has(i)).map((d) => d._id);
    return { inserted: docs.length - duplicateIds.length, duplicateIds };
  }

  async get(id: string): Promise<T | null> {
    await this.ready;
    return fromMongo<T>(await this.collection.findOne({ _id: { $eq: id } }));
  }

  async find(filter?: DocumentFilter<T>, options?: DocumentFindOptions): Promise<T[]> {
    const query = toMongoFilter(normalizeFilter(filter));
    const { sort, limit } = normalizeFindOptions(options);
    await this.ready;
    const cursor = this.collection.find(query).sort(toMongoSort(sort));
    if (limit !== undefined) cursor.limit(limit);
    return (await cursor.toArray()).map((doc) => fromMongo<T>(doc) as T);
  }

  async count(filter?: DocumentFilter<T>): Promise<number> {
    const query = toMongoFilter(normalizeFilter(filter));
    await this.ready;
    return this.collection.countDocuments(query);
  }

  async replaceIf(doc: T, expectedRevision: number): Promise<T | null> {
    assertJsonDocument(doc);
    await this.ready;
    const replaced = await this.collection.findOneAndReplace(
      { _id: { $eq: doc._id }, revision: { $eq: expectedRevision } },
      { ...bodyOf(doc), revision: expectedRevision + 1 },
      { returnDocument: 'after' },
    );
    return fromMongo<T>(replaced);
  }

  async deleteMany(filter: DocumentFilter<T>): Promise<number> {
    const query = toMongoFilter(normalizeFilter(filter));
    await this.ready;
    return (await this.collection.deleteMany(query)).deletedCount;
  }
}

function fromMongo<T extends StoredDocument>(doc: MongoDocument | null): T | null {
  return doc === null ? null : (doc as unknown as T);
}
