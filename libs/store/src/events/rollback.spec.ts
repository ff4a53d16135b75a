import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { rollback, RollbackError, withTransaction } from './rollback';

/**
 * The disk-full case end to end (a real `ulimit -f`) is in test/cli.spec.ts; here the helper
 * on a real DuckDB connection, the failure injected where the real one struck.
 */
describe('rollback and withTransaction', () => {
  let instance: DuckDBInstance;
  let c: DuckDBConnection;
  const count = async () => (await c.runAndReadAll('SELECT count(*) FROM t')).getRowsJson();
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
    expect(await count()).toEqual([['0']]);
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

  it('withTransaction commits the work and returns its value', async () => {
    const value = await withTransaction(c, async () => {
      await c.run('INSERT INTO t VALUES (1), (2)');
      return 'done';
    });
    expect(value).toBe('done');
    expect(await count()).toEqual([['2']]);
    // No transaction is left open: a second one begins.
    await withTransaction(c, () => c.run('INSERT INTO t VALUES (3)'));
    expect(await count()).toEqual([['3']]);
  });

  it('withTransaction rolls back every statement of failed work and throws its error', async () => {
    const failure = await withTransaction(c, async () => {
      await c.run('INSERT INTO t VALUES (1)');
      await c.run('INSERT INTO t VALUES (1)');
    }).catch((e: unknown) => e);
    expect(String(failure)).toMatch(
      /PRIMARY KEY or UNIQUE constraint violation: duplicate key "1"/,
    );
    expect(await count()).toEqual([['0']]);
  });

  it('withTransaction, work that ended the transaction itself: its error leads, the rollback failure follows', async () => {
    const thrown = await withTransaction(c, async () => {
      await c.run('COMMIT');
      throw new Error('No space left on device');
    }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(RollbackError);
    expect((thrown as Error).message).toMatch(
      /^No space left on device \(the rollback then failed too: .*no transaction is active\)$/,
    );
  });
});
