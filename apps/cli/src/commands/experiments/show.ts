import type { Command } from 'commander';
import { printFields, printJson, printTable } from '../../output';
import { type CommonOptions, mustGet, withCommon, withCatalog } from './common';

/** `experiments show ID`: an experiment with its change log and decisions. */
export function registerShow(experiments: Command): void {
  withCommon(
    experiments.command('show').description('an experiment with its change log and decisions'),
  )
    .argument('<id>')
    .action(async (id: string, opts: CommonOptions) => {
      const out = await withCatalog(opts, async (catalog) => ({
        experiment: await mustGet(catalog, id),
        changes: await catalog.history(id),
        decisions: await catalog.decisions(id),
      }));
      if (opts.json) return printJson(out);
      printFields({ ...out.experiment });
      process.stdout.write('\nchanges:\n');
      printTable(
        out.changes.map((c) => ({ ...c })),
        ['at', 'who', 'action', 'why'],
      );
      process.stdout.write('\ndecisions:\n');
      printTable(
        out.decisions.map((d) => ({ ...d })),
        ['at', 'who', 'action', 'coverage_before', 'coverage_after'],
      );
    });
}
