import type { Command } from 'commander';
import { Experiment, ExperimentCatalog, CatalogResult } from '@hirelearn/experiments';
import { DocumentStore, openDocumentStore } from '@hirelearn/store';
import { CliError } from '../../cli-error';
import { documentsUrl } from '../../documents-option';
import { dbOption } from '../../store-option';
import { printJson } from '../../output';

/** The options every `experiments` subcommand shares (see `withCommon`). */
export interface CommonOptions {
  readonly documents?: string;
  readonly json?: boolean;
  readonly who?: string;
  readonly why?: string;
  readonly db?: string;
}

/** Opens the experiment catalog on `--documents` for one command and closes it after. */
export async function withCatalog<T>(
  opts: CommonOptions,
  work: (catalog: ExperimentCatalog) => Promise<T>,
): Promise<T> {
  const docs: DocumentStore = await openDocumentStore(documentsUrl(opts.documents));
  try {
    return await work(new ExperimentCatalog(docs));
  } finally {
    await docs.close();
  }
}

/** Who makes a change and why, as recorded in the experiment's change log. */
export function actor(opts: CommonOptions, defaultWhy: string) {
  return { who: opts.who ?? process.env.USER ?? 'cli', why: opts.why ?? defaultWhy };
}

/** The experiment `id`, or a CLI error that says how to list them. */
export async function mustGet(catalog: ExperimentCatalog, id: string): Promise<Experiment> {
  const e = await catalog.get(id);
  if (!e) throw new CliError(`no experiment '${id}'`, 'list them with: hirelearn experiments list');
  return e;
}

/** Prints a catalog result, or fails with its reason. */
export function report(r: CatalogResult, opts: CommonOptions, verb: string): void {
  if (r.status !== 'ok' || !r.experiment) {
    const fix =
      r.status === 'ethics_refused'
        ? 'change the proposal so every named rule passes (spec 15.4)'
        : r.status === 'invalid'
          ? 'fix the named fields of the definition'
          : undefined;
    throw new CliError(`${verb} refused (${r.status}): ${r.reason}`, fix);
  }
  if (opts.json) return printJson(r.experiment);
  const e = r.experiment;
  const served =
    e.status === 'completed'
      ? `${e.outcome}, everyone gets '${e.shipped_variant ?? 'none'}'`
      : `coverage ${e.coverage}`;
  process.stdout.write(`${e.experiment_id}: ${e.status}, ${served}\n`);
}

/** Adds the shared options (and `--db` for the subcommands that read the event store). */
export function withCommon(cmd: Command, db = false): Command {
  cmd
    .option('--documents <url>', 'document store URL (or HIRELEARN_DOCUMENTS)')
    .option('--json', 'print as JSON')
    .option('--who <name>', 'who makes the change (default $USER)')
    .option('--why <text>', 'why, recorded with the change');
  if (db) cmd.addOption(dbOption());
  return cmd;
}
