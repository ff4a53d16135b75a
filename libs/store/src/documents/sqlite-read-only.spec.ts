import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { openDocumentStore } from './open-document-store';

/** Another process holding the write lock is tested with the CLI (test/cli.spec.ts, models list). */
describe('SQLite document store opened read-only', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'documents-read-only-'));
    url = `sqlite://${path.join(dir, 'documents.sqlite')}`;
    const writer = await openDocumentStore(url);
    await writer.collection('models').insert({ _id: 'm1' });
    await writer.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads, and refuses every write by name', async () => {
    const reader = await openDocumentStore(url, { readOnly: true });
    try {
      const models = reader.collection('models');
      expect(await models.find()).toEqual([{ _id: 'm1', revision: 1 }]);
      await expect(models.insert({ _id: 'm2' })).rejects.toThrow(/opened read-only/);
      await expect(models.deleteMany({})).rejects.toThrow(/opened read-only/);
      await expect(reader.eraseUser('u1')).rejects.toThrow(/opened read-only/);
    } finally {
      await reader.close();
    }
  });

  it('a collection or a file not written yet reads as empty, and nothing is made', async () => {
    const reader = await openDocumentStore(url, { readOnly: true });
    const versions = reader.collection('model_versions', { indexes: ['model'] });
    expect(await versions.find({ model: 'm1' })).toEqual([]);
    await expect(versions.insert({ _id: 'v' })).rejects.toThrow(/opened read-only/);
    await reader.close();
    const file = new Database(path.join(dir, 'documents.sqlite'), { readonly: true });
    const tables = file
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .pluck()
      .all();
    file.close();
    expect(tables).toContain('docs_models');
    expect(tables).not.toContain('docs_model_versions');

    const missing = path.join(dir, 'none', 'documents.sqlite');
    const empty = await openDocumentStore(`sqlite://${missing}`, { readOnly: true });
    expect(await empty.collection('models').count()).toBe(0);
    await empty.close();
    expect(existsSync(path.dirname(missing))).toBe(false);
  });
});
