import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { InvalidQueryError } from './errors';
import { openDocumentStore } from './open-document-store';
import type { DocumentFilter, DocumentStore } from './types';

/**
 * Collection and field names become SQLite table names and JSON paths, so only identifiers
 * pass (`names.ts`); values and ids are parameters. Every hostile string is refused as a name,
 * before any SQL, and carried verbatim as a value.
 */
interface Named {
  readonly _id: string;
  readonly constructor: string;
}

/** The hostile strings no identifier rule lets through (`constructor` and `__proto__` are names). */
const NOT_NAMES = HOSTILE_STRINGS.filter((h) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(h));

describe('document store under hostile names', () => {
  let directory: string;
  let filename: string;
  let store: DocumentStore;
  interface Doc {
    readonly _id: string;
    readonly user_id: string;
    readonly body: Record<string, string>;
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'hirelearn-hostile-docs-'));
    filename = join(directory, 'documents.sqlite');
    store = await openDocumentStore(`sqlite://${filename}`);
  });
  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const tables = () => {
    const db = new Database(filename, { readonly: true });
    try {
      return db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    } finally {
      db.close();
    }
  };

  it('refuses each hostile collection name and index field, creating nothing', () => {
    const before = tables();
    for (const h of NOT_NAMES) {
      expect(() => store.collection(h)).toThrow(InvalidQueryError);
      expect(() => store.collection('notes', { indexes: [h] })).toThrow(InvalidQueryError);
    }
    expect(tables()).toEqual(before);
    expect(tables()).not.toContain('pwned');
  });

  it('refuses each hostile field in a filter or a sort', async () => {
    const notes = store.collection<Doc>('notes');
    for (const h of NOT_NAMES) {
      await expect(notes.find({ [h]: 1 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(notes.count({ [h]: { $gt: 1 } })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(notes.deleteMany({ [h]: null })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(notes.find({}, { sort: { field: h, direction: 1 } })).rejects.toBeInstanceOf(
        InvalidQueryError,
      );
    }
    expect(tables()).not.toContain('pwned');
  });

  it('takes identifier-shaped names such as constructor as plain names', async () => {
    const c = store.collection<Named>('constructor', {
      indexes: ['constructor'],
    });
    await c.insert({ _id: 'a', constructor: 'x' });
    await expect(c.find({ constructor: 'x' })).resolves.toEqual([
      { _id: 'a', constructor: 'x', revision: 1 },
    ]);
    // An own `__proto__` key, as JSON.parse makes it (a literal would set the prototype).
    const proto: DocumentFilter<Named> = JSON.parse('{"__proto__": "x"}');
    await expect(c.find(proto)).resolves.toEqual([]);
  });

  it('stores, finds and deletes documents whose ids, values and keys are hostile', async () => {
    const notes = store.collection<Doc>('hostile_values', { indexes: ['user_id'] });
    const docs = HOSTILE_STRINGS.map((h) => ({ _id: h, user_id: h, body: { [h]: h } }));
    await expect(notes.insertMany(docs)).resolves.toEqual({
      inserted: docs.length,
      duplicateIds: [],
    });
    for (const d of docs) {
      await expect(notes.get(d._id)).resolves.toEqual({ ...d, revision: 1 });
      await expect(notes.find({ user_id: d.user_id })).resolves.toEqual([{ ...d, revision: 1 }]);
    }
    await expect(notes.count({ user_id: { $in: [...HOSTILE_STRINGS] } })).resolves.toBe(
      docs.length,
    );
    await expect(notes.deleteMany({ user_id: HOSTILE_STRINGS[0] })).resolves.toBe(1);
    await expect(notes.count()).resolves.toBe(docs.length - 1);
    expect(tables()).not.toContain('pwned');
  });
});
