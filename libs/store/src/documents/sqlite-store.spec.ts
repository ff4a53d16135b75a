import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { DocumentStoreError } from './errors';
import { openDocumentStore } from './open-document-store';
import { MIGRATIONS, SCHEMA_VERSION } from './sqlite-migrations';
import type { StoredDocument } from './types';

/** SQLite-only properties: schema migrations, WAL, expression indexes, multi-process CAS. */
let directory: string;
let filename: string;
let url: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'hirelearn-sqlite-'));
  filename = join(directory, 'documents.sqlite');
  url = `sqlite://${filename}`;
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

function inspect<R>(query: (db: Database.Database) => R): R {
  const db = new Database(filename, { readonly: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

describe('SQLite schema migrations', () => {
  it('applies each migration once, however often the store is reopened', async () => {
    for (let open = 0; open < 3; open += 1) await (await openDocumentStore(url)).close();
    const applied = inspect((db) =>
      db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all(),
    );
    expect(applied).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
  });

  it('creates the data directory and uses WAL journaling', async () => {
    filename = join(directory, 'nested', 'dir', 'documents.sqlite');
    await (await openDocumentStore(`sqlite://${filename}`)).close();
    expect(inspect((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('refuses a file written by a newer schema instead of corrupting it', async () => {
    await (await openDocumentStore(url)).close();
    const db = new Database(filename);
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', '2099-01-01')").run(
      SCHEMA_VERSION + 1,
    );
    db.close();
    const opening = openDocumentStore(url);
    await expect(opening).rejects.toBeInstanceOf(DocumentStoreError);
    await expect(openDocumentStore(url)).rejects.toThrow(/newer than .* upgrade hirelearn/);
  });

  it('names the file and the fix when it cannot open it', async () => {
    const notADirectory = join(directory, 'plain-file');
    writeFileSync(notADirectory, '');
    await expect(openDocumentStore(`sqlite://${notADirectory}/documents.sqlite`)).rejects.toThrow(
      /cannot open SQLite document store '.*plain-file\/documents.sqlite'.*writable/,
    );
  });
});

describe('SQLite collections', () => {
  it('registers collections and creates declared expression indexes that queries use', async () => {
    const store = await openDocumentStore(url);
    const predictions = store.collection('predictions', { indexes: ['user_id', 'created_at'] });
    await predictions.insert({
      _id: 'p1',
      user_id: 'u1',
      created_at: '2026-01-01',
    } as StoredDocument);
    store.collection('predictions', { indexes: ['user_id', 'model'] });
    await store.close();
    const { registered, indexes, plan } = inspect((db) => ({
      registered: db.prepare('SELECT name FROM document_collections').pluck().all(),
      indexes: db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' ORDER BY name",
        )
        .pluck()
        .all(),
      plan: db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM "docs_predictions"
           WHERE (json_type(doc, '$.user_id') = 'text' AND json_extract(doc, '$.user_id') = ?)`,
        )
        .all('u1')
        .map((row) => (row as { detail: string }).detail)
        .join('\n'),
    }));
    expect(registered).toEqual(['predictions']);
    expect(indexes).toEqual([
      'ix_predictions__created_at',
      'ix_predictions__model',
      'ix_predictions__user_id',
    ]);
    expect(plan).toContain('USING INDEX ix_predictions__user_id');
  });

  it('reports a closed store clearly', async () => {
    const store = await openDocumentStore(url);
    await store.close();
    await store.close();
    expect(() => store.collection('late')).toThrow(/is closed; open a new one/);
  });
});

describe('SQLite compare-and-set across processes', () => {
  const fixture = join(__dirname, 'sqlite-contender.fixture.ts');

  /** Starts contenders, waits until all are connected, then releases them at once. */
  async function race(name: string, args: (i: number) => string[], count: number) {
    const children = Array.from({ length: count }, (_, i) =>
      spawn(process.execPath, ['--import', 'tsx', fixture, url, name, ...args(i)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const outputs = children.map((child) =>
      createInterface({ input: child.stdout })[Symbol.asyncIterator](),
    );
    const next = async (i: number) => (await outputs[i].next()).value as string;
    try {
      const ready = await Promise.all(children.map((_, i) => next(i)));
      expect(ready).toEqual(children.map(() => 'ready'));
      children.forEach((child) => child.stdin.end('go\n'));
      const results = await Promise.all(children.map((_, i) => next(i)));
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve, reject) =>
              child.exitCode !== null
                ? resolve()
                : child.once('exit', (code) =>
                    code === 0 ? resolve() : reject(new Error(`exit ${code}`)),
                  ),
            ),
        ),
      );
      return results;
    } finally {
      // A failed race must not leave contenders waiting on stdin: they would keep jest alive.
      children.filter((child) => child.exitCode === null).forEach((child) => child.kill());
    }
  }

  async function seed(name: string): Promise<void> {
    const store = await openDocumentStore(url);
    await store.collection(name).insert({ _id: 'contended', counter: 0 } as StoredDocument);
    await store.close();
  }

  async function read(name: string): Promise<StoredDocument | null> {
    const store = await openDocumentStore(url);
    try {
      return await store.collection(name).get('contended');
    } finally {
      await store.close();
    }
  }

  it('lets exactly one of six processes claim the same revision', async () => {
    await seed('claims');
    const results = await race('claims', (i) => ['claim', String(i)], 6);
    expect(results.filter((result) => result === 'won')).toHaveLength(1);
    expect(results.filter((result) => result === 'lost')).toHaveLength(5);
    const winner = results.indexOf('won');
    expect(await read('claims')).toEqual({ _id: 'contended', counter: 0, winner, revision: 2 });
  });

  it('loses no update when four processes increment 50 times each', async () => {
    await seed('counters');
    expect(await race('counters', () => ['increment', '50'], 4)).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(await read('counters')).toEqual({ _id: 'contended', counter: 200, revision: 201 });
  });
});
