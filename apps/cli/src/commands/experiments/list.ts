import type { Command } from 'commander';
import type { Experiment } from '@hirelearn/experiments';
import { printJson, printTable } from '../../output';
import { type CommonOptions, withCommon, withCatalog } from './common';

/** `experiments list [--status S]`: experiments, oldest first. */
export function registerList(experiments: Command): void {
  withCommon(experiments.command('list').description('experiments, oldest first'))
    .option('--status <status>', 'draft | running | paused | completed')
    .action(async (opts: CommonOptions & { status?: Experiment['status'] }) => {
      const list = await withCatalog(opts, (catalog) => catalog.list(opts.status));
      if (opts.json) return printJson(list);
      printTable(
        list.map((e) => ({ ...e, variants: e.variants.map((v) => v.variant_id).join(',') })),
        ['experiment_id', 'status', 'coverage', 'variants', 'success_metric', 'outcome'],
      );
    });
}
