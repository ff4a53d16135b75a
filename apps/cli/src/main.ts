import { Command } from 'commander';
import { registerAnalytics } from './commands/analytics';
import { registerAttribution } from './commands/attribution';
import { registerCausal } from './commands/causal';
import { registerConfig } from './commands/config';
import { registerConfigUser } from './commands/config-user';
import { registerColdStart } from './commands/cold-start';
import { registerErase } from './commands/erase';
import { registerFairness } from './commands/fairness';
import { registerExperiments } from './commands/experiments';
import { registerIngest } from './commands/ingest';
import { registerInsights } from './commands/insights';
import { registerModels } from './commands/models';
import { registerMonitor } from './commands/monitor';
import { registerNightly } from './commands/nightly';
import { registerPlan } from './commands/plan';
import { registerRuns } from './commands/runs';
import { registerPrivacy } from './commands/privacy';
import { registerQuality } from './commands/quality';
import { registerQuarantine } from './commands/quarantine';
import { registerRecommendations } from './commands/recommendations';
import { registerResume } from './commands/resume';
import { registerMarket } from './commands/market';
import { registerMarketCompanies } from './commands/market-companies';
import { registerMarketRoles } from './commands/market-roles';
import { registerMarketSignals } from './commands/market-signals';
import { registerSchema } from './commands/schema';
import { registerPredict } from './commands/predict';
import {
  registerDriftMonitorService,
  registerModelServices,
  registerServe,
} from './commands/serve';
import { registerSimulate } from './commands/simulate';
import { registerStatus } from './commands/status';
import { registerTrain } from './commands/train';
import { CliError } from './cli-error';

// A reader that stops early (`hirelearn analytics market | head`) closes our stdout: that is the
// end of the output, not an error (it was an unhandled EPIPE with a stack trace).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const program = new Command('hirelearn')
  .description('learns from a job-search event log what causes interviews and offers')
  .showHelpAfterError();

registerIngest(program);
registerStatus(program);
registerQuarantine(program);
registerErase(program);
registerSchema(program);
registerSimulate(program);
registerAnalytics(program);
registerResume(program);
registerMarket(program);
registerMarketCompanies(program);
registerMarketRoles(program);
registerMarketSignals(program);
registerPrivacy(program);
registerFairness(program);
registerModels(program);
registerTrain(program);
registerServe(program);
registerModelServices(program);
registerDriftMonitorService(program);
registerPredict(program);
registerColdStart(program);
registerExperiments(program);
registerQuality(program);
registerMonitor(program);
registerAttribution(program);
registerCausal(program);
registerConfig(program);
registerConfigUser(program);
registerRecommendations(program);
registerNightly(program);
registerPlan(program);
registerRuns(program);
registerInsights(program);
// Set after every command exists, so only the root takes it (commands copy it when created):
// a subcommand's options then reach the subcommand even where its parent has one of the same
// name (`quality ack --until` is the acknowledgement's expiry, `quality --until` the window).
program.enablePositionalOptions();

program.parseAsync(process.argv).catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`hirelearn: ${e.message}\n`);
  if (e instanceof CliError && e.fix) process.stderr.write(`  fix: ${e.fix}\n`);
  process.exitCode = 1;
});
