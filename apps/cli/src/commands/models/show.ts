import type { Command } from 'commander';
import { integerOption } from '../../integer-option';
import { printFields, printJson, printTable } from '../../output';
import { storeOptions, type StoreOpts, summary, withRegistry } from './common';

/** `models show MODEL [VERSION]`: a version with lineage and transitions, or a whole model. */
export function registerShow(models: Command): void {
  storeOptions(
    models
      .command('show')
      .description('a version with its lineage and transitions, or a model and its audit trail')
      .argument('<model>', 'model name')
      .argument('[version]', 'version number (default: the whole model)', integerOption('version', 1)),
  ).action(async (model: string, version: number | undefined, opts: StoreOpts) => {
    const shown = await withRegistry(
      opts,
      async (r) => ({
        versions: version === undefined ? await r.list({ model }) : [await r.get(model, version)],
        transitions: await r.transitions(model, version),
      }),
      { readOnly: true },
    );
    if (opts.json)
      return printJson(
        version === undefined ? shown : { ...shown.versions[0], transitions: shown.transitions },
      );
    if (version !== undefined) {
      const v = shown.versions[0];
      printFields({
        ...v,
        artifact: `${v.artifact.format} ${v.artifact.sha256} ${v.artifact.uri}`,
      });
    } else printTable(shown.versions.map(summary), ['version', 'stage', 'sha256', 'metrics']);
    process.stdout.write('\ntransitions:\n');
    printTable(
      shown.transitions.map((t) => ({ ...t, move: `${t.from_stage ?? '-'} -> ${t.to_stage}` })),
      ['sequence', 'version', 'move', 'by', 'at', 'reason'],
    );
  });
}
