import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ExperimentDefinition } from '@hirelearn/experiments';
import { CliError } from '../../cli-error';
import { actor, type CommonOptions, report, withCommon, withCatalog } from './common';

/** `experiments create --file F`: a draft experiment from a JSON definition. */
export function registerCreate(experiments: Command): void {
  withCommon(
    experiments.command('create').description('register a draft experiment from a JSON definition'),
  )
    .requiredOption('--file <file>', 'JSON ExperimentDefinition')
    .action(async (opts: CommonOptions & { file: string }) => {
      let def: ExperimentDefinition;
      try {
        def = JSON.parse(readFileSync(opts.file, 'utf8')) as ExperimentDefinition;
      } catch (e) {
        throw new CliError(`cannot read ${opts.file}: ${(e as Error).message}`, 'pass a JSON file');
      }
      const r = await withCatalog(opts, (catalog) => catalog.create(def, actor(opts, 'created')));
      report(r, opts, 'create');
    });
}
