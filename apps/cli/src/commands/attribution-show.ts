import type { Command } from 'commander';
import { loadAttribution } from '@hirelearn/nightly';
import { CliError } from '../cli-error';
import { withDocumentStore } from '../documents-option';
import { printJson } from '../output';
import { printEffects } from './attribution';

/** `hirelearn attribution show [RUN_ID]`: a result the nightly stored, with its run and window. */
export function registerAttributionShow(attribution: Command): void {
  attribution
    .command('show [run_id]')
    .description(
      'the attribution a nightly run stored (the newest by default), with its data window',
    )
    .option('--json', 'print {run_id, generated_at, data_window, effects} as JSON')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .action(async (id: string | undefined, opts: { json?: boolean; documents?: string }) => {
      const stored = await withDocumentStore(opts.documents, (docs) => loadAttribution(docs, id), {
        readOnly: true,
      });
      if (stored === null) {
        throw new CliError(
          id === undefined ? 'no stored attribution yet' : `no attribution stored by run '${id}'`,
          id === undefined
            ? 'the nightly stores one: hirelearn nightly'
            : 'list the runs: hirelearn runs list',
        );
      }
      const { _id, revision, ...result } = stored;
      void _id;
      void revision;
      if (opts.json) return printJson(result);
      process.stdout.write(`run ${stored.run_id}, generated ${stored.generated_at}\n`);
      printEffects(stored);
    });
}
