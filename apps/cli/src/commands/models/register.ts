import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { ARTIFACT_FORMATS, type ArtifactFormat } from '@hirelearn/registry';
import { CliError } from '../../cli-error';
import { integerOption } from '../../integer-option';
import { printJson } from '../../output';
import { storeOptions, type StoreOpts, withRegistry } from './common';

interface RegisterOpts extends StoreOpts {
  model: string;
  artifact: string;
  format: string;
  windowStart: string;
  windowEnd: string;
  seed: number;
  codeVersion: string;
  settingsHash: string;
  metric: Record<string, number>;
  tag: Record<string, string>;
  description?: string;
  by: string;
}

/** `k=v` pairs collected from a repeated option. */
const pair =
  <V>(parse: (v: string, key: string) => V) =>
  (text: string, acc: Record<string, V> = {}): Record<string, V> => {
    const i = text.indexOf('=');
    if (i <= 0) throw new CliError(`'${text}' is not key=value`);
    return { ...acc, [text.slice(0, i)]: parse(text.slice(i + 1), text.slice(0, i)) };
  };

/** `models register`: stores an artifact under its sha256 and records a new candidate version. */
export function registerRegister(models: Command): void {
  storeOptions(
    models
      .command('register')
      .description('store an artifact under its sha256 and record a new candidate version')
      .requiredOption('--model <name>', 'model name')
      .requiredOption('--artifact <file>', 'the artifact file')
      .requiredOption('--format <format>', `one of ${ARTIFACT_FORMATS.join(', ')}`)
      .requiredOption('--window-start <time>', 'start of the training data (RFC 3339)')
      .requiredOption('--window-end <time>', 'end of the training data (RFC 3339)')
      .requiredOption('--seed <n>', 'the seed of the fit', integerOption('--seed', Number.MIN_SAFE_INTEGER))
      .requiredOption('--code-version <rev>', 'the code revision that trained it')
      .requiredOption('--settings-hash <hash>', 'hash of the training settings')
      .option('--metric <name=value>', 'validation metric (repeatable)', pair(Number), {})
      .option('--tag <name=value>', 'tag (repeatable)', pair(String), {})
      .option('--description <text>', 'what this version is')
      .option(
        '--by <who>',
        'who registers it (default: the user name; with --registry the authenticated identity)',
        userInfo().username,
      ),
  ).action(async (opts: RegisterOpts) => {
    if (!ARTIFACT_FORMATS.includes(opts.format as ArtifactFormat))
      throw new CliError(
        `--format: '${opts.format}' is not a format`,
        `use one of ${ARTIFACT_FORMATS.join(', ')}`,
      );
    const content = await readFile(opts.artifact).catch(() => {
      throw new CliError(`cannot read the artifact ${opts.artifact}`, 'check the path');
    });
    const v = await withRegistry(opts, (r) =>
      r.register({
        model: opts.model,
        content,
        format: opts.format as ArtifactFormat,
        metrics: opts.metric,
        training_data_window: { start: opts.windowStart, end: opts.windowEnd },
        seed: opts.seed,
        code_version: opts.codeVersion,
        settings_hash: opts.settingsHash,
        registered_by: opts.by,
        description: opts.description,
        tags: opts.tag,
      }),
    );
    if (opts.json) return printJson(v);
    process.stdout.write(
      `registered ${v.model}@${v.version} (candidate), sha256 ${v.artifact.sha256}\n`,
    );
  });
}
