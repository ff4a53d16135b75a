import type { Command } from 'commander';
import { registerList } from './list';
import { registerRegister } from './register';
import { registerShow } from './show';
import { registerArchive, registerPromote, registerRollback } from './stage-changes';

/** The `models` command; other commands (`models train`) attach to the same one. */
export function modelsCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'models') ??
    program.command('models').description('the model registry: versions, stages, audit trail')
  );
}

/** `hirelearn models`: one file per subcommand, registered in the order `--help` lists them. */
export function registerModels(program: Command): void {
  const models = modelsCommand(program);
  registerRegister(models);
  registerList(models);
  registerShow(models);
  registerPromote(models);
  registerRollback(models);
  registerArchive(models);
}
