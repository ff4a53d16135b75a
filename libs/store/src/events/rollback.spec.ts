import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rollback, RollbackError } from './rollback';

/**
 * The disk-full case end to end (a real `ulimit -f`) is in test/cli.spec.ts; here the helper
 * on a real DuckDB connection, the failure injected where the real one struck.
 */
describe('rollback', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    c = await instance.connect();
    await c.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  });
  afterEach(() => {
    c.closeSync();
    instance.closeSync();
  });

  it('a failed statement: rolled back, the same error returned', async () => {
    await c.run('BEGIN TRANSACTION');
    await c.run('INSERT INTO t VALUES (1)');
    const failure = await c.run('INSERT INTO t VALUES (1)').catch((e: unknown) => e);
    expect(await rollback(c, failure)).toBe(failure);
    expect((await c.runAndReadAll('SELECT count(*) FROM t')).getRowsJson()).toEqual([['0']]);
  });

  it('a failure that already ended the transaction keeps its message first, and is the cause', async () => {
    // A COMMIT that fails for want of space ends DuckDB's transaction: the ROLLBACK after it
    // fails with "no transaction is active", which used to replace the real cause.
    await c.run('BEGIN TRANSACTION');
    await c.run('COMMIT');
    const full = new Error('IO Error: Could not write file "x.wal": No space left on device');
    const thrown = await rollback(c, full);
    expect(thrown).toBeInstanceOf(RollbackError);
    expect((thrown as Error).message).toMatch(
      /^IO Error: Could not write file "x.wal": No space left on device \(the rollback then failed too: .*no transaction is active\)$/,
    );
    expect((thrown as Error).cause).toBe(full);
    expect(String((thrown as RollbackError).rollbackError)).toMatch(/no transaction is active/);
  });
});
