import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDocumentStoreConformance } from './document-store.conformance';
import { openDocumentStore } from './open-document-store';

const directory = mkdtempSync(join(tmpdir(), 'hirelearn-documents-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeDocumentStoreConformance(
  'SQLite file',
  () => openDocumentStore(`sqlite://${join(directory, 'documents.sqlite')}`),
  { sharedStorage: true },
);

describeDocumentStoreConformance('SQLite in memory', () => openDocumentStore('sqlite::memory:'), {
  sharedStorage: false,
});

const mongoUri = process.env['MONGODB_URI'];
if (mongoUri) {
  describeDocumentStoreConformance('MongoDB', () => openDocumentStore(mongoUri), {
    sharedStorage: true,
  });
} else {
  console.warn(
    'MongoDB conformance skipped: set MONGODB_URI=mongodb://localhost:27017/hirelearn_test to run it',
  );
  describe.skip('DocumentStore conformance: MongoDB (skipped: MONGODB_URI is not set)', () => {
    it('runs the conformance suite against a scratch database named by MONGODB_URI', () => {
      throw new Error('unreachable: skipped');
    });
  });
}
