import { Command } from 'commander';
import { registerExperiments } from './commands/experiments';
import { registerPredict } from './commands/predict';
import { registerTrain } from './commands/train';
import { dbOption } from './store-option';

describe('dbOption', () => {
  const parse = (args: string[], env: NodeJS.ProcessEnv): { db?: string } => {
    const saved = process.env.HIRELEARN_DB;
    if (env.HIRELEARN_DB === undefined) delete process.env.HIRELEARN_DB;
    else process.env.HIRELEARN_DB = env.HIRELEARN_DB;
    try {
      const cmd = new Command().addOption(dbOption()).exitOverride();
      return cmd.parse(args, { from: 'user' }).opts();
    } finally {
      if (saved === undefined) delete process.env.HIRELEARN_DB;
      else process.env.HIRELEARN_DB = saved;
    }
  };

  it('is --db, else HIRELEARN_DB, else unset (the embedded store)', () => {
    expect(parse(['--db', 'duckdb:///a.duckdb'], { HIRELEARN_DB: 'duckdb:///b' }).db).toBe(
      'duckdb:///a.duckdb',
    );
    expect(parse([], { HIRELEARN_DB: 'duckdb:///b' }).db).toBe('duckdb:///b');
    expect(parse([], {}).db).toBeUndefined();
  });

  it('has one help text, with a note where the command says how it opens the store', () => {
    expect(dbOption().description).toBe('event store URL (default: ./.hirelearn/hirelearn.duckdb)');
    expect(dbOption('opened read-only').description).toMatch(/^event store URL, opened read-only/);
    expect(dbOption().envVar).toBe('HIRELEARN_DB');
  });
});

describe('the --db of the commands', () => {
  /** Every command under `program`, depth first. */
  const commands = (c: Command): Command[] => [c, ...c.commands.flatMap(commands)];

  // predict, score-fit, models train and experiments analyze|ramp|assign declared their own
  // `--db` (no HIRELEARN_DB in their help, three wordings).
  it('is the shared option, with HIRELEARN_DB, in predict, train and experiments', () => {
    const program = new Command();
    registerPredict(program);
    registerTrain(program);
    registerExperiments(program);
    const db = commands(program).flatMap((c) =>
      c.options.filter((o) => o.long === '--db').map((o) => ({ command: c.name(), option: o })),
    );
    expect(db.map((d) => d.command).sort()).toEqual(
      ['analyze', 'assign', 'predict', 'ramp', 'score-fit', 'train'].sort(),
    );
    for (const { option } of db) {
      expect(option.envVar).toBe('HIRELEARN_DB');
      expect(option.description).toBe(dbOption().description);
    }
  });
});
