import { Command } from 'commander';
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
