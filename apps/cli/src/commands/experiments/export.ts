import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { growthbookPayload } from '@hirelearn/experiments';
import { type CommonOptions, mustGet, withCommon, withCatalog } from './common';

/** `experiments export ID [--out F]`: the GrowthBook SDK payload of an experiment. */
export function registerExport(experiments: Command): void {
  withCommon(
    experiments
      .command('export')
      .description('GrowthBook SDK payload (feature JSON) of an experiment'),
  )
    .argument('<id>')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (id: string, opts: CommonOptions & { out?: string }) => {
      const e = await withCatalog(opts, (catalog) => mustGet(catalog, id));
      const text = `${JSON.stringify(growthbookPayload([e]), null, 2)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, text);
        process.stdout.write(`wrote the GrowthBook features of ${id} to ${opts.out}\n`);
      } else process.stdout.write(text);
    });
}
