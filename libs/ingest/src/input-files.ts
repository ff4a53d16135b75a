import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** File name endings ingestion reads from a folder. */
const EVENT_FILE = /\.(ndjson|jsonl|json|ndjson\.gz|jsonl\.gz|json\.gz|gz|parquet)$/i;

/** Thrown when an input names nothing readable; the message says what was expected. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Expands the inputs of an ingest into files, in a stable order: a file as is, a folder's
 * event files recursively, a wildcard (`*`, `?`) in the last path segment, `-` for stdin.
 */
export function expandInputs(inputs: readonly string[]): string[] {
  if (inputs.length === 0)
    throw new InputError('no input: give one or more files, folders, globs, or - for stdin');
  return inputs.flatMap((input) => {
    if (input === '-') return ['-'];
    if (/[*?]/.test(path.basename(input))) return matchGlob(input);
    let stat;
    try {
      stat = statSync(input);
    } catch {
      throw new InputError(
        `input '${input}' does not exist (give a file, a folder, a glob such as 'data/*.ndjson', or -)`,
      );
    }
    return stat.isDirectory() ? listEventFiles(input) : [input];
  });
}

function listEventFiles(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listEventFiles(full);
    return EVENT_FILE.test(e.name) ? [full] : [];
  });
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
