import type { Command } from 'commander';
import { defaultSimSettings, writeWorld } from '@hirelearn/sim';
import { printJson, progressReporter } from '../output';

const int = (v: string) => Number.parseInt(v, 10);

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'write a simulated job-search world with planted causal truths (events.ndjson, truth.json)',
    )
    .option('--users <n>', 'job seekers', int, 2000)
    .option('--months <n>', 'months of activity', int, 12)
    .option('--seed <n>', 'random seed: same seed, same files', int, 1)
    .option('--bad <n>', 'invalid events to plant per kind of invalidity', int, 0)
    .requiredOption('--out <dir>', 'folder to write events.ndjson and truth.json into')
    .option('--json', 'print the result as JSON')
    .action(
      async (opts: {
        users: number;
        months: number;
        seed: number;
        bad: number;
        out: string;
        json?: boolean;
      }) => {
        const settings = defaultSimSettings({
          users: opts.users,
          months: opts.months,
          seed: opts.seed,
          bad: opts.bad,
        });
        const progress = progressReporter('simulate');
        const started = Date.now();
        const written = await writeWorld(settings, opts.out, (done, total) =>
          progress.update(`day ${done} of ${total}`),
        );
        progress.done();
        const result = { ...written, seconds: (Date.now() - started) / 1000 };
        if (opts.json) return printJson(result);
        process.stdout.write(
          `wrote ${written.events.toLocaleString('en-US')} lines to ${written.path} and the planted truths to ` +
            `${written.truthPath} in ${result.seconds.toFixed(1)} s\n`,
        );
      },
    );
}
