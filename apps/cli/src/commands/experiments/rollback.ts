import type { Command } from 'commander';
import { rollbackExperiment } from '@hirelearn/experiments';
import { actor, type CommonOptions, report, withCommon, withCatalog } from './common';

/** `experiments rollback ID`: stop now and serve the control to everyone. */
export function registerRollback(experiments: Command): void {
  withCommon(
    experiments.command('rollback').description('stop now and serve the control to everyone'),
  )
    .argument('<id>')
    .action(async (id: string, opts: CommonOptions) => {
      const out = await withCatalog(opts, (catalog) =>
        rollbackExperiment(catalog, id, actor(opts, 'manual rollback')),
      );
      report(out.catalog, opts, 'rollback');
    });
}
