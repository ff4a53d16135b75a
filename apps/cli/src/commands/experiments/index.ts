import type { Command } from 'commander';
import { registerAnalyze } from './analyze';
import { registerAssign } from './assign';
import { registerCreate } from './create';
import { registerExport } from './export';
import { registerList } from './list';
import { registerPower } from './power';
import { registerRamp } from './ramp';
import { registerRollback } from './rollback';
import { registerShow } from './show';
import { registerStartPause } from './start-pause';

/** `hirelearn experiments`: one file per subcommand, registered in the order `--help` lists them. */
export function registerExperiments(program: Command): void {
  const experiments = program
    .command('experiments')
    .description('A/B tests of proposed changes: create, start, analyse, ramp, roll back, export');
  registerCreate(experiments);
  registerList(experiments);
  registerShow(experiments);
  registerStartPause(experiments);
  registerRollback(experiments);
  registerAnalyze(experiments);
  registerRamp(experiments);
  registerExport(experiments);
  registerAssign(experiments);
  registerPower(experiments);
}
