import { UnsupportedUrlError } from './errors';

/** Where a document store lives, parsed from its URL. */
export type DocumentStoreLocation =
  | { readonly engine: 'sqlite'; readonly filename: string }
  | { readonly engine: 'mongodb'; readonly url: string; readonly database: string };

/** The database used when a MongoDB URL names none. */
export const DEFAULT_MONGODB_DATABASE = 'hirelearn';

const ACCEPTED_FORMS =
  'accepted forms: sqlite:///absolute/path.sqlite, sqlite::memory:, ' +
  'mongodb://host[:port][/database][?options], mongodb+srv://host[/database][?options]';

/** Characters MongoDB forbids in database names. */
const FORBIDDEN_IN_DATABASE = /[/\\. "$*<>:|?]/;

/**
 * Parses a document store URL. Pure, so the engine choice is testable without a server.
 * Errors name the URL (password hidden) and list the accepted forms.
 */
export function parseDocumentStoreUrl(url: string): DocumentStoreLocation {
  if (url === 'sqlite::memory:') return { engine: 'sqlite', filename: ':memory:' };
  if (url.startsWith('sqlite://')) return parseSqliteUrl(url);
  if (url.startsWith('mongodb://') || url.startsWith('mongodb+srv://')) return parseMongoUrl(url);
  throw unsupported(url, 'unknown scheme');
}

function parseSqliteUrl(url: string): DocumentStoreLocation {
  const rest = url.slice('sqlite://'.length);
  if (!rest.startsWith('/')) {
    throw unsupported(url, 'the SQLite path must be absolute (three slashes: sqlite:///path)');
  }
  if (/[?#]/.test(rest)) throw unsupported(url, 'SQLite URLs take no query or fragment');
  const filename = decode(url, rest);
  if (filename === '/' || filename.endsWith('/')) {
    throw unsupported(url, 'the SQLite path must name a file, not a directory');
  }
  return { engine: 'sqlite', filename };
}

/**
 * Takes the database from the path after the host list. Parsed by hand because a MongoDB
 * URL may list several hosts (`h1:27017,h2:27017`), which WHATWG `URL` rejects.
 */
function parseMongoUrl(url: string): DocumentStoreLocation {
  const afterScheme = url.slice(url.indexOf('://') + 3);
  const endOfAuthority = afterScheme.search(/[/?]/);
  const authority = endOfAuthority === -1 ? afterScheme : afterScheme.slice(0, endOfAuthority);
  const hosts = authority.slice(authority.lastIndexOf('@') + 1);
  if (hosts === '') throw unsupported(url, 'the MongoDB URL names no host');
  const rest = endOfAuthority === -1 ? '' : afterScheme.slice(endOfAuthority);
  const path = rest.startsWith('/') ? rest.slice(1).split('?')[0] : '';
  const database = path === '' ? DEFAULT_MONGODB_DATABASE : decode(url, path);
  if (FORBIDDEN_IN_DATABASE.test(database) || database.length > 63) {
    throw unsupported(
      url,
      `'${database}' is not a valid MongoDB database name (at most 63 characters, none of /\\. "$*<>:|?)`,
    );
  }
  return { engine: 'mongodb', url, database };
}

function decode(url: string, text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw unsupported(url, 'it contains an invalid percent-escape');
  }
}

function unsupported(url: string, problem: string): UnsupportedUrlError {
  return new UnsupportedUrlError(
    `cannot open document store '${redactUrl(url)}': ${problem}; ${ACCEPTED_FORMS}`,
  );
}

/** Hides the password of `scheme://user:password@host` so URLs can appear in errors and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1:***@');
}
