import { UnsupportedUrlError } from './errors';
import { parseDocumentStoreUrl, redactUrl } from './store-url';

describe('parseDocumentStoreUrl', () => {
  it('reads SQLite file and memory URLs', () => {
    expect(parseDocumentStoreUrl('sqlite:///var/lib/hirelearn/docs.sqlite')).toEqual({
      engine: 'sqlite',
      filename: '/var/lib/hirelearn/docs.sqlite',
    });
    expect(parseDocumentStoreUrl('sqlite:///tmp/my%20docs.sqlite')).toEqual({
      engine: 'sqlite',
      filename: '/tmp/my docs.sqlite',
    });
    expect(parseDocumentStoreUrl('sqlite::memory:')).toEqual({
      engine: 'sqlite',
      filename: ':memory:',
    });
  });

  it('takes the MongoDB database from the path, defaulting to hirelearn', () => {
    const cases: [string, string][] = [
      ['mongodb://localhost:27017', 'hirelearn'],
      ['mongodb://localhost:27017/', 'hirelearn'],
      ['mongodb://localhost/registry', 'registry'],
      ['mongodb://localhost/?replicaSet=rs0', 'hirelearn'],
      ['mongodb://u:p%40ss@h1:27017,h2:27017/prod_ml?replicaSet=rs0&authSource=admin', 'prod_ml'],
      ['mongodb+srv://u:p@cluster0.example.net/ml?retryWrites=true', 'ml'],
      ['mongodb+srv://cluster0.example.net', 'hirelearn'],
    ];
    for (const [url, database] of cases) {
      expect(parseDocumentStoreUrl(url)).toEqual({ engine: 'mongodb', url, database });
    }
  });

  it.each([
    ['postgres://localhost/db', 'unknown scheme'],
    ['sqlite://relative.sqlite', 'must be absolute'],
    ['sqlite:///tmp/', 'must name a file'],
    ['sqlite:///tmp/a.sqlite?mode=ro', 'no query'],
    ['mongodb:///db', 'names no host'],
    ['mongodb://localhost/bad.name', 'not a valid MongoDB database name'],
    ['', 'unknown scheme'],
  ])('rejects %j (%s) and lists the accepted forms', (url, problem) => {
    expect(() => parseDocumentStoreUrl(url)).toThrow(UnsupportedUrlError);
    expect(() => parseDocumentStoreUrl(url)).toThrow(problem);
    expect(() => parseDocumentStoreUrl(url)).toThrow(/accepted forms: sqlite:\/\/\/.*mongodb:\/\//);
  });

  it('never puts a password in an error message', () => {
    expect(() => parseDocumentStoreUrl('redis://admin:s3cret@cache:6379')).toThrow(
      "'redis://admin:***@cache:6379'",
    );
    expect(redactUrl('mongodb+srv://ml:hunter2@c.example.net/x')).toBe(
      'mongodb+srv://ml:***@c.example.net/x',
    );
    expect(redactUrl('mongodb://localhost:27017/x')).toBe('mongodb://localhost:27017/x');
  });
});
