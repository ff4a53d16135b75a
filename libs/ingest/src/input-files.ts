import { lstatSync, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';

/** File name endings ingestion reads from a folder. */
const EVENT_FILE = /\.(ndjson|jsonl|json|ndjson\.gz|jsonl\.gz|json\.gz|gz|parquet)$/i;

/** Thrown when an input names nothing readable; the message says what was expected. */
export class InputError extends Error {
  override name = 'InputError';
}

/** A source that was not read (whole or in part), and why. */
export interface SourceProblem {
  readonly source: string;
  readonly reason: string;
}

/** What the inputs of an ingest name: the files to read and the entries found but not read. */
export interface ExpandedInputs {
  readonly files: string[];
  /** Entries of a folder or glob that cannot be read (a dangling link): an ingest error. */
  readonly unreadable: SourceProblem[];
  /** Entries of a folder or glob that are not regular files (FIFO, socket, device): skipped. */
  readonly skipped: SourceProblem[];
}

/**
 * Expands the inputs of an ingest into files, in a stable order: a file as is, a folder's
 * event files recursively, a wildcard (`*`, `?`) in the last path segment, `-` for stdin.
 * From folders and globs only regular files (or links to them) are taken: a FIFO would block
 * the ingest forever and a device is not an event log. A file named explicitly is read
 * whatever it is, so `ingest <(zcat x.gz)` works.
 */
export function expandInputs(inputs: readonly string[]): ExpandedInputs {
  if (inputs.length === 0)
    throw new InputError('no input: give one or more files, folders, globs, or - for stdin');
  const found: ExpandedInputs = { files: [], unreadable: [], skipped: [] };
  for (const input of inputs) {
    if (input === '-') found.files.push('-');
    else if (/[*?]/.test(path.basename(input))) matchGlob(input).forEach((f) => take(f, found));
    else {
      let stat;
      try {
        stat = statSync(input);
      } catch {
        throw new InputError(
          `input '${input}' does not exist (give a file, a folder, a glob such as 'data/*.ndjson', or -)`,
        );
      }
      if (stat.isDirectory()) listEventFiles(input, found);
      else found.files.push(input);
    }
  }
  return found;
}

function listEventFiles(dir: string, found: ExpandedInputs): void {
  const names = readdirSync(dir).sort((a, b) => a.localeCompare(b));
  for (const name of names) {
    const full = path.join(dir, name);
    if (lstatSync(full).isDirectory()) listEventFiles(full, found);
    else if (EVENT_FILE.test(name)) take(full, found);
  }
}

/** Sorts one entry of a folder or glob into read, unreadable or skipped. */
function take(file: string, found: ExpandedInputs): void {
  const link = lstatSync(file).isSymbolicLink();
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (error) {
    const reason = link
      ? `dangling symbolic link: its target '${readlinkSync(file)}' cannot be reached (${(error as NodeJS.ErrnoException).code})`
      : (error as Error).message;
    found.unreadable.push({ source: path.resolve(file), reason });
    return;
  }
  if (stat.isFile()) found.files.push(file);
  else
    found.skipped.push({
      source: path.resolve(file),
      reason: `not a regular file (${kindOf(stat, link)})`,
    });
}

function kindOf(stat: Stats, link: boolean): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return link ? 'a link to a folder, not followed' : 'a folder';
  return 'of unknown kind';
}

function matchGlob(pattern: string): string[] {
  const dir = path.dirname(pattern);
  const escaped = path.basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&');
  const regex = new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InputError(`glob '${pattern}': folder '${dir}' does not exist`);
  }
  const files = names
    .filter((n) => regex.test(n))
    .sort()
    .map((n) => path.join(dir, n));
  if (files.length === 0) throw new InputError(`glob '${pattern}' matched no file`);
  return files;
}
