import { DocumentStoreError } from './errors';
import { openDocumentStore } from './open-document-store';

/** What the MongoDB engine can show without a server; the conformance suite needs MONGODB_URI. */
describe('MongoDB engine without a server', () => {
  it('fails at open, naming the URL without its password and the fix', async () => {
    const opening = openDocumentStore(
      'mongodb://ml:hunter2@127.0.0.1:1/registry?serverSelectionTimeoutMS=300',
    );
    await expect(opening).rejects.toBeInstanceOf(DocumentStoreError);
    const error = (await opening.catch((caught: unknown) => caught)) as Error;
    expect(error.message).toContain("'mongodb://ml:***@127.0.0.1:1/registry");
    expect(error.message).toContain("database 'registry'");
    expect(error.message).toContain('check that the server is running');
    expect(error.message).not.toContain('hunter2');
  });

  it('wraps a URL the driver cannot parse', async () => {
    await expect(openDocumentStore('mongodb://localhost/x?notAnOption=1')).rejects.toThrow(
      /cannot connect to MongoDB document store 'mongodb:\/\/localhost\/x\?notAnOption=1'/,
    );
  });
});
