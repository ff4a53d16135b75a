import type { Command } from 'commander';
import { actor, type CommonOptions, report, withCommon, withCatalog } from './common';

/** `experiments start ID` (the ethics gate must pass) and `experiments pause ID`. */
export function registerStartPause(experiments: Command): void {
  for (const [name, verb] of [
    ['start', 'start (the ethics gate must pass) or resume'],
    ['pause', 'pause'],
  ] as const) {
    withCommon(experiments.command(name).description(verb))
      .argument('<id>')
      .action(async (id: string, opts: CommonOptions) => {
        const r = await withCatalog(opts, (catalog) =>
          name === 'start'
            ? catalog.start(id, actor(opts, name))
            : catalog.pause(id, actor(opts, name)),
        );
        report(r, opts, name);
      });
  }
}
