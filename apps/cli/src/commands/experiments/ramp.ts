import type { Command } from 'commander';
import { analyzeFromStore, applyRampStep } from '@hirelearn/experiments';
import { printJson, printTable } from '../../output';
import { withEventStore } from '../../store-option';
import { actor, type CommonOptions, mustGet, report, withCommon, withCatalog } from './common';

/** `experiments ramp ID`: analyse, then take the next ramp step (or roll back, or roll out). */
export function registerRamp(experiments: Command): void {
  withCommon(
    experiments
      .command('ramp')
      .description('analyse, then ramp 10% -> 50% -> 100%, roll back or roll out'),
    true,
  )
    .argument('<id>')
    .action(async (id: string, opts: CommonOptions) => {
      const out = await withCatalog(opts, async (catalog) => {
        const e = await mustGet(catalog, id);
        const r = await withEventStore(opts.db, (store) => analyzeFromStore(store, e), {
          readOnly: true,
        });
        return applyRampStep(catalog, id, r, actor(opts, 'ramp step'));
      });
      if (out.catalog.status !== 'ok' && !out.decision) report(out.catalog, opts, 'ramp');
      if (opts.json) return printJson(out);
      const d = out.decision;
      if (d) {
        process.stdout.write(`${d.action}: coverage ${d.coverage_before} -> ${d.coverage_after}\n`);
        printTable(
          d.checks.map((c) => ({ ...c })),
          ['check', 'passed', 'detail'],
        );
      }
    });
}
