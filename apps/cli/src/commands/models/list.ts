import type { Command } from 'commander';
import { STAGES, type Stage } from '@hirelearn/registry';
import { CliError } from '../../cli-error';
import { printJson, printTable } from '../../output';
import { storeOptions, type StoreOpts, summary, withRegistry } from './common';

/** `models list [--model M] [--stage S]`: registered versions, oldest first. */
export function registerList(models: Command): void {
  storeOptions(
    models
      .command('list')
      .description('registered versions, oldest first')
      .option('--model <name>', 'only this model')
      .option('--stage <stage>', `only this stage (${STAGES.join(', ')})`),
  ).action(async (opts: StoreOpts & { model?: string; stage?: string }) => {
    if (opts.stage && !STAGES.includes(opts.stage as Stage))
      throw new CliError(`--stage: '${opts.stage}' is not a stage`, `use ${STAGES.join(', ')}`);
    const versions = await withRegistry(
      opts,
      (r) => r.list({ model: opts.model, stage: opts.stage as Stage | undefined }),
      { readOnly: true },
    );
    if (opts.json) return printJson(versions);
    printTable(versions.map(summary), [
      'model',
      'version',
      'stage',
      'format',
      'sha256',
      'metrics',
      'registered',
    ]);
  });
}
