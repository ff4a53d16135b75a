import type { Command } from 'commander';
import { defaultSimSettings, writeWorld, type BehaviourChange } from '@hirelearn/sim';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { printJson, progressReporter } from '../output';

/** `KIND:SIZE@MONTH`, e.g. `base_rate:0.3@6` (see libs/sim's BehaviourChange). */
function behaviourChange(v: string): BehaviourChange {
  const m = /^(base_rate|fit_effect):(-?[0-9.]+)@([0-9]+)$/.exec(v);
  if (!m) {
    throw new CliError(
      `--behaviour-change '${v}' must be KIND:SIZE@MONTH with KIND base_rate or fit_effect`,
      'e.g. --behaviour-change base_rate:0.3@6 (interview chance +0.3 from month 6 on)',
    );
  }
  return { kind: m[1] as BehaviourChange['kind'], size: Number(m[2]), atMonth: Number(m[3]) };
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'write a simulated job-search world with planted causal truths (events.ndjson, truth.json)',
    )
    .option('--users <n>', 'job seekers', integerOption('--users', 1), 2000)
    .option('--months <n>', 'months of activity', integerOption('--months', 1), 12)
    .option('--seed <n>', 'random seed: same seed, same files', integerOption('--seed'), 1)
    .option(
      '--bad <n>',
      'invalid events to plant per kind of invalidity',
      integerOption('--bad'),
      0,
    )
    .option(
      '--behaviour-change <change>',
      'concept drift part-way: KIND:SIZE@MONTH, KIND base_rate (add SIZE to the interview chance) or fit_effect (scale the fit term by SIZE)',
      behaviourChange,
    )
    .requiredOption('--out <dir>', 'folder to write events.ndjson and truth.json into')
    .option('--json', 'print the result as JSON')
    .action(
      async (opts: {
        users: number;
        months: number;
        seed: number;
        bad: number;
        behaviourChange?: BehaviourChange;
        out: string;
        json?: boolean;
      }) => {
        const settings = defaultSimSettings({
          users: opts.users,
          months: opts.months,
          seed: opts.seed,
          bad: opts.bad,
          ...(opts.behaviourChange ? { behaviourChange: opts.behaviourChange } : {}),
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
