import { Command } from 'commander';
import { CliError } from './cli-error';
import { registerCausal } from './commands/causal';
import { registerExperiments } from './commands/experiments';
import { registerFairness } from './commands/fairness';
import { registerIngest } from './commands/ingest';
import { registerMarket } from './commands/market';
import { registerMarketCompanies } from './commands/market-companies';
import { registerMarketRoles } from './commands/market-roles';
import { registerMarketSignals } from './commands/market-signals';
import { registerModels } from './commands/models';
import { registerPlan } from './commands/plan';
import { registerPrivacy } from './commands/privacy';
import { registerRuns } from './commands/runs';
import { registerDriftMonitorService } from './commands/serve';
import { registerTrain } from './commands/train';
import { integerOption, numberOption, portOption } from './integer-option';

describe('integerOption', () => {
  const threads = integerOption('--threads');

  it('takes whole numbers in range', () => {
    expect(threads('0')).toBe(0);
    expect(threads('12')).toBe(12);
    expect(integerOption('--users', 1, 10)('10')).toBe(10);
    expect(portOption('65535')).toBe(65535);
  });

  it.each(['four', '12abc', '1.5', '', '0x10', '1e3', '-1'])('refuses %p naming the flag', (v) => {
    expect(() => threads(v)).toThrow(CliError);
    expect(() => threads(v)).toThrow(`--threads: '${v}' must be a whole number >= 0`);
  });

  it('states no bound when it has none', () => {
    const seed = integerOption('--seed', Number.MIN_SAFE_INTEGER);
    expect(seed('-3')).toBe(-3);
    expect(() => seed('1.5')).toThrow("--seed: '1.5' must be a whole number");
  });

  it('states the range when it has a top', () => {
    expect(() => portOption('70000')).toThrow(
      "--port: '70000' must be a whole number from 0 to 65535",
    );
  });
});

describe('numberOption', () => {
  const alpha = numberOption('--alpha', { gt: 0, lt: 1 });

  it('takes decimal numbers in range', () => {
    expect(alpha('0.05')).toBe(0.05);
    expect(alpha('.5')).toBe(0.5);
    expect(alpha('5e-2')).toBe(0.05);
    expect(numberOption('--cutoff')('-2.5')).toBe(-2.5);
    expect(numberOption('--hours', { gte: 0 })('0')).toBe(0);
  });

  // Number('') is 0 and Number(' ') is 0: an empty value was a silent zero.
  it.each(['five', '', ' ', '0x1', 'Infinity', 'NaN', '1,5', '0.05abc'])(
    'refuses %p naming the flag',
    (v) => {
      expect(() => numberOption('--cutoff')(v)).toThrow(CliError);
      expect(() => numberOption('--cutoff')(v)).toThrow(`--cutoff: '${v}' must be a number`);
    },
  );

  it('states its bounds, open or closed', () => {
    expect(() => alpha('1')).toThrow("--alpha: '1' must be a number > 0 and < 1");
    expect(() => alpha('0')).toThrow("--alpha: '0' must be a number > 0 and < 1");
    expect(() => numberOption('--hours', { gte: 0 })('-1')).toThrow(
      "--hours: '-1' must be a number >= 0",
    );
    expect(() => numberOption('--p', { gte: 0, lte: 1 })('2')).toThrow(
      "--p: '2' must be a number >= 0 and <= 1",
    );
  });
});

describe('the whole-number flags of the commands', () => {
  // `ingest --threads four` used parseInt: NaN threads, no error.
  it('ingest refuses a --threads that is not a whole number, naming the flag', async () => {
    const program = new Command().exitOverride();
    registerIngest(program);
    await expect(
      program.parseAsync(['ingest', 'events.ndjson', '--threads', 'four'], { from: 'user' }),
    ).rejects.toThrow("--threads: 'four' must be a whole number >= 0");
  });

  // Each was read with Number(...) in the action (or by commander's Number): a typo became NaN
  // (experiments power computed with it), '' became 0, and the errors had four wordings.
  const program = new Command().exitOverride();
  for (const register of [
    registerMarket,
    registerMarketCompanies,
    registerMarketRoles,
    registerMarketSignals,
    registerFairness,
    registerPrivacy,
    registerRuns,
    registerModels,
    registerTrain,
    registerCausal,
    registerPlan,
    registerDriftMonitorService,
    registerExperiments,
  ])
    register(program);

  it.each([
    [['market', 'companies', '--top', '0'], "--top: '0' must be a whole number >= 1"],
    [['market', 'signals', '--top', 'ten'], "--top: 'ten' must be a whole number >= 1"],
    [
      ['market', 'forecast', '--series', 'postings', '--months', '25'],
      "--months: '25' must be a whole number from 1 to 24",
    ],
    [['market', 'roles', '--k', '0'], "--k: '0' must be a whole number >= 1"],
    [['market', 'industries', '--k', 'two'], "--k: 'two' must be a whole number >= 1"],
    [['fairness', 'audit', '--k', '1.5'], "--k: '1.5' must be a whole number >= 1"],
    [['privacy', 'audit', '--k', 'x'], "--k: 'x' must be a whole number >= 1"],
    [['runs', 'list', '--limit', '0'], "--limit: '0' must be a whole number >= 1"],
    [['models', 'train', 'ensemble', '--seed', '1.5'], "--seed: '1.5' must be a whole number"],
    [['models', 'show', 'ensemble', 'v2'], "version: 'v2' must be a whole number >= 1"],
    [
      ['causal', 'estimate', '--data', 'd.csv', '--method', 'rd', '--cutoff', ''],
      "--cutoff: '' must be a number",
    ],
    [
      ['plan', '--user', 'u1', '--hours-per-week', 'ten'],
      "--hours-per-week: 'ten' must be a number >= 0",
    ],
    [
      ['serve', 'drift-monitor', '--every-minutes', '0'],
      "--every-minutes: '0' must be a number > 0",
    ],
    [
      ['experiments', 'power', '--sd', '1', '--effect', '0.1', '--alpha', 'five'],
      "--alpha: 'five' must be a number > 0 and < 1",
    ],
    [
      ['experiments', 'power', '--baseline-rate', '1.2', '--effect', '0.1'],
      "--baseline-rate: '1.2' must be a number > 0 and < 1",
    ],
    [
      ['experiments', 'power', '--sd', '1', '--users', 'many'],
      "--users: 'many' must be a whole number >= 2",
    ],
  ])('%j is refused naming the flag and the rule', async (args, message) => {
    await expect(program.parseAsync(args, { from: 'user' })).rejects.toThrow(message);
  });
});
