import type { Command } from 'commander';
import { integerOption } from '../../integer-option';
import {
  changeOptions,
  expected,
  guardOption,
  printChange,
  type StoreOpts,
  withRegistry,
} from './common';

interface ChangeOpts extends StoreOpts {
  by: string;
  reason: string;
}

/** `models promote MODEL VERSION [--shadow]`: to production (or shadow). */
export function registerPromote(models: Command): void {
  changeOptions(
    guardOption(models.command('promote'))
      .description('move a version to production (the current one goes back to candidate)')
      .argument('<model>', 'model name')
      .argument('<version>', 'version number', integerOption('version', 1))
      .option('--shadow', 'to shadow instead of production'),
  ).action(
    async (
      model: string,
      version: number,
      opts: ChangeOpts & { shadow?: boolean; ifProduction?: number },
    ) => {
      const change = await withRegistry(opts, (r) =>
        r.promote(model, version, {
          by: opts.by,
          reason: opts.reason,
          to_stage: opts.shadow ? 'shadow' : 'production',
          expected_production: expected(opts.ifProduction),
        }),
      );
      printChange(change, opts.json);
    },
  );
}

/** `models rollback MODEL [--to N]`: the previous production version (or N) back in production. */
export function registerRollback(models: Command): void {
  changeOptions(
    guardOption(models.command('rollback'))
      .description('put the previous production version (or --to N) back in production')
      .argument('<model>', 'model name')
      .option('--to <version>', 'this version instead of the previous one', integerOption('--to', 1)),
  ).action(async (model: string, opts: ChangeOpts & { to?: number; ifProduction?: number }) => {
    const change = await withRegistry(opts, (r) =>
      r.rollback(model, {
        by: opts.by,
        reason: opts.reason,
        to: opts.to,
        expected_production: expected(opts.ifProduction),
      }),
    );
    printChange(change, opts.json);
  });
}

/** `models archive MODEL VERSION`: retires a version that is not in production. */
export function registerArchive(models: Command): void {
  changeOptions(
    models
      .command('archive')
      .description('retire a version that is not in production')
      .argument('<model>', 'model name')
      .argument('<version>', 'version number', integerOption('version', 1)),
  ).action(async (model: string, version: number, opts: ChangeOpts) => {
    const change = await withRegistry(opts, (r) =>
      r.archive(model, version, { by: opts.by, reason: opts.reason }),
    );
    printChange(change, opts.json);
  });
}
