import type { Command } from 'commander';
import { getRun, listRuns } from '@hirelearn/nightly';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { withDocumentStore } from '../documents-option';
import { printJson, printTable } from '../output';
import { printRun } from './nightly';

interface RunsOpts {
  json?: boolean;
  documents?: string;
  limit: number;
}

/** `hirelearn runs list | show [RUN_ID]`: the nightly's history, from the document store. */
export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('the history of nightly runs');
  runs
    .command('list')
    .description('nightly runs, newest first: status, duration, failed steps')
    .option('--limit <n>', 'at most this many runs', integerOption('--limit', 1), 20)
    .option('--json', 'print JSON')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .action(async (opts: RunsOpts) => {
      const list = await withDocumentStore(opts.documents, (docs) => listRuns(docs, opts.limit), {
        readOnly: true,
      });
      if (opts.json) return printJson(list);
      if (list.length === 0) {
        process.stdout.write('no nightly run yet: hirelearn nightly\n');
        return;
      }
      printTable(
        list.map((r) => ({
          run: r.run_id,
          status: r.status,
          started: r.started_at,
          seconds:
            r.finished_at === null
              ? ''
              : ((Date.parse(r.finished_at) - Date.parse(r.started_at)) / 1000).toFixed(1),
          window: `${r.window.since ?? '-'} .. ${r.window.until ?? '-'}`,
          failed: r.failed_steps.join(','),
        })),
        ['run', 'status', 'started', 'seconds', 'window', 'failed'],
      );
    });
  runs
    .command('show [run_id]')
    .description(
      'one run (the newest by default): each step, its status, duration, what it produced',
    )
    .option('--json', 'print JSON')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .action(async (id: string | undefined, opts: RunsOpts) => {
      const run = await withDocumentStore(opts.documents, (docs) => getRun(docs, id), {
        readOnly: true,
      });
      if (run === null) {
        throw new CliError(
          id === undefined ? 'no nightly run yet' : `no nightly run '${id}'`,
          id === undefined ? 'run one: hirelearn nightly' : 'list them: hirelearn runs list',
        );
      }
      if (opts.json) return printJson(run);
      printRun(run);
      const produced = run.steps.flatMap((s) => s.produced.map((p) => `  ${s.name}: ${p}`));
      if (produced.length > 0) process.stdout.write(`\nproduced:\n${produced.join('\n')}\n`);
    });
}
