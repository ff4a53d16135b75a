import type { Command } from 'commander';
import { minimumDetectableEffect, requiredSampleSize } from '@hirelearn/experiments';
import { CliError } from '../../cli-error';
import { integerOption, numberOption } from '../../integer-option';
import { printFields, printJson } from '../../output';

interface PowerOptions {
  readonly baselineRate?: number;
  readonly sd?: number;
  readonly mean?: number;
  readonly effect?: number;
  readonly users?: number;
  readonly alpha: number;
  readonly power: number;
  readonly json?: boolean;
}

/** `experiments power`: users needed for an effect, or the MDE of a sample size. */
export function registerPower(experiments: Command): void {
  experiments
    .command('power')
    .description('design: users needed for an effect, or the MDE of a sample size')
    .option(
      '--baseline-rate <p>',
      'baseline conversion rate (sets sd = sqrt(p(1-p)) and the mean)',
      numberOption('--baseline-rate', { gt: 0, lt: 1 }),
    )
    .option(
      '--sd <sd>',
      'per-user standard deviation of the metric',
      numberOption('--sd', { gt: 0 }),
    )
    .option('--mean <m>', 'baseline mean (for the relative MDE)', numberOption('--mean'))
    .option('--effect <d>', 'absolute effect to detect', numberOption('--effect'))
    .option('--users <n>', 'total users available', integerOption('--users', 2))
    .option('--alpha <a>', 'significance level', numberOption('--alpha', { gt: 0, lt: 1 }), 0.05)
    .option('--power <p>', 'power', numberOption('--power', { gt: 0, lt: 1 }), 0.8)
    .option('--json', 'print as JSON')
    .action((opts: PowerOptions) => {
      const out = powerFigures(opts);
      if (opts.json) return printJson(out);
      printFields(out);
    });
}

/** The users needed (`--effect`) and/or the MDE (`--users`), or a CLI error naming what is missing. */
function powerFigures(opts: PowerOptions): Record<string, number> {
  const p = opts.baselineRate;
  const sd = opts.sd ?? (p !== undefined ? Math.sqrt(p * (1 - p)) : undefined);
  const mean = opts.mean ?? p ?? NaN;
  if (sd === undefined || !(sd > 0)) {
    throw new CliError('need the metric spread', 'pass --baseline-rate P or --sd S');
  }
  const s = { alpha: opts.alpha, power: opts.power };
  const out: Record<string, number> = {};
  if (opts.effect !== undefined) out.users_needed = requiredSampleSize(sd, opts.effect, s);
  if (opts.users !== undefined) {
    const plan = minimumDetectableEffect(sd, opts.users, mean, s);
    out.mde_absolute = plan.mde_absolute;
    out.mde_relative = plan.mde_relative;
  }
  if (Object.keys(out).length === 0) {
    throw new CliError('nothing to compute', 'pass --effect D and/or --users N');
  }
  return out;
}
