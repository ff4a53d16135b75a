import type { Command } from 'commander';
import { analyzeFromStore, applyRampStep } from '@hirelearn/experiments';
import { printJson, printTable } from '../../output';
import { withEventStore } from '../../store-option';
import { actor, type CommonOptions, mustGet, report, withCommon, withRegistry } from './common';

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
      const out = await withRegistry(opts, async (reg) => {
        const e = await mustGet(reg, id);
        const r = await withEventStore(opts.db, (store) => analyzeFromStore(store, e), {
          readOnly: true,
        });
        return applyRampStep(reg, id, r, actor(opts, 'ramp step'));
      });
      if (out.registry.status !== 'ok' && !out.decision) report(out.registry, opts, 'ramp');
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
